package dev.pointsman.reconcile;

import dev.pointsman.model.Commit;
import java.util.Optional;

/** Whether a commit may change protected environments: empty = yes; otherwise why not. */
@FunctionalInterface
public interface SignaturePolicy {
  Optional<String> refuse(Commit commit);

  /** No signature required (no trusted signers configured). */
  SignaturePolicy NONE = c -> Optional.empty();
}
