package dev.pointsman.adopt;

import java.util.ArrayList;
import java.util.List;

/** What one kind's import produced: the files to write and what it found along the way. */
record KindImport(List<ImportedFile> files, List<Finding> findings) {
  static KindImport empty() {
    return new KindImport(List.of(), List.of());
  }

  static KindImport merge(List<KindImport> parts) {
    List<ImportedFile> files = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (KindImport p : parts) {
      files.addAll(p.files());
      findings.addAll(p.findings());
    }
    return new KindImport(files, findings);
  }
}
