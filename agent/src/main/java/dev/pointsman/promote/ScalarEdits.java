package dev.pointsman.promote;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Replaces scalar values of a YAML file in place: only the characters of each value change, so
 * comments, key order, indentation and the quoting style of everything stay as they were.
 */
public final class ScalarEdits {
  /** One step of a path: a mapping key, or the item of a sequence whose {@code name} is given. */
  public record Step(String key, Optional<String> itemName) {
    static Step key(String key) {
      return new Step(key, Optional.empty());
    }

    static Step item(String name) {
      return new Step("", Optional.of(name));
    }

    /** {@code spec.containers[name=web].image}, as messages name fields. */
    public static String dotted(List<Step> path) {
      StringBuilder s = new StringBuilder();
      for (Step step : path) {
        if (step.itemName().isPresent())
          s.append("[name=").append(step.itemName().get()).append(']');
        else s.append(s.length() == 0 ? "" : ".").append(step.key());
      }
      return s.toString();
    }
  }

  /** Set the scalar at {@code path} of the document that holds {@code line} to {@code value}. */
  record Edit(int line, List<Step> path, String value) {}

  /** A scalar found: where it is, its text and quoting. */
  public record Found(
      int start, int end, int line, String value, DumperOptions.ScalarStyle style) {}

  private ScalarEdits() {}

  /**
   * The scalar at {@code path} in the document of {@code text} that contains 1-based {@code line}.
   */
  public static Optional<Found> find(String text, int line, List<Step> path) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    for (Node doc : new Yaml(options).composeAll(new StringReader(text))) {
      if (doc == null) continue;
      int first = doc.getStartMark().getLine() + 1;
      int last = doc.getEndMark().getLine() + 1;
      if (line < first || line > last) continue;
      Node at = doc;
      for (Step step : path) {
        at = step.itemName().isPresent() ? item(at, step.itemName().get()) : value(at, step.key());
        if (at == null) return Optional.empty();
      }
      if (!(at instanceof ScalarNode s)) return Optional.empty();
      return Optional.of(
          new Found(
              s.getStartMark().getIndex(),
              s.getEndMark().getIndex(),
              s.getStartMark().getLine() + 1,
              s.getValue(),
              s.getScalarStyle()));
    }
    return Optional.empty();
  }

  /** {@code text} with each found scalar replaced by its new value, rendered in its old style. */
  public static String apply(String text, List<Found> found, List<String> values) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) order.add(i);
    order.sort(Comparator.comparingInt((Integer i) -> found.get(i).start()).reversed());
    StringBuilder out = new StringBuilder(text);
    for (int i : order) {
      Found f = found.get(i);
      out.replace(f.start(), f.end(), render(values.get(i), f.value(), f.style()));
    }
    return out.toString();
  }

  /**
   * {@code value} in the style {@code old} was written in: quoted as it was, or plain when YAML
   * reads it back unchanged (a number stays a number where a number stood: {@code version: 7}).
   */
  static String render(String value, String old, DumperOptions.ScalarStyle style) {
    return switch (style) {
      case DOUBLE_QUOTED -> YamlScalars.quoted(value);
      case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
      default ->
          YamlScalars.plain(value) || (old.matches("[0-9]+") && value.matches("[0-9]+"))
              ? value
              : YamlScalars.quoted(value);
    };
  }

  private static Node value(Node node, String key) {
    if (!(node instanceof MappingNode m)) return null;
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
        return t.getValueNode();
    }
    return null;
  }

  private static Node item(Node node, String name) {
    if (!(node instanceof SequenceNode s)) return null;
    for (Node n : s.getValue()) {
      Node v = value(n, "name");
      if (v instanceof ScalarNode sc && sc.getValue().equals(name)) return n;
    }
    return null;
  }
}
