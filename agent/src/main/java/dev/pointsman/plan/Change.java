package dev.pointsman.plan;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A typed decision about one pointer; carried out by the applier of its kind. */
public record Change(
    ResourceId id,
    Action action,
    List<FieldChange> fields,
    DesiredResource desired,
    List<String> notes) {
  public Change {
    fields = List.copyOf(fields);
    notes = List.copyOf(notes);
  }

  public Change(ResourceId id, Action action, List<FieldChange> fields, DesiredResource desired) {
    this(id, action, fields, desired, List.of());
  }

  /** The same change, held by the release policy for {@code reason}: planned, not applied. */
  public Change held(String reason) {
    List<String> all = new ArrayList<>(notes);
    all.add(HELD_NOTE + reason);
    return new Change(id, Action.HOLD, fields, desired, all);
  }

  /** How a hold is noted (after it, why). */
  public static final String HELD_NOTE = "held: ";

  /** A readable diff line, e.g. {@code ~ prod LambdaAlias orders/live version 5 → 7}. */
  public String describe() {
    return action.symbol() + " " + summary();
  }

  /**
   * The diff line without the action symbol, e.g. {@code prod LambdaAlias orders/live version 7}.
   */
  public String summary() {
    String detail =
        switch (action) {
          case NONE -> "in sync";
          case CREATE -> fieldsAsValues();
          case UPDATE, HOLD ->
              fields.stream().map(FieldChange::toString).collect(Collectors.joining(", "));
        };
    String noted = notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")";
    return id.environment() + "  " + id.kind() + " " + id.name() + "  " + detail + noted;
  }

  private String fieldsAsValues() {
    return fields.stream().map(f -> f.field() + " " + f.to()).collect(Collectors.joining(", "));
  }
}
