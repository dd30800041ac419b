package dev.pointsman.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command-line option can also come from a YAML config file, keyed by its long name in camel
 * case ({@code --drift-interval} → {@code driftInterval}). The command line wins over the file.
 * Unknown keys are errors, as in manifests.
 */
public final class ConfigFile implements IDefaultValueProvider {
  private final Path file;
  private final JsonNode root;

  private ConfigFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  public static ConfigFile read(Path file, Set<String> knownKeys) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ConfigFile(file, new ObjectMapper().createObjectNode());
    }
    if (!root.isObject())
      throw new IOException(file + ": expected a mapping of option names to values");
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!knownKeys.contains(key)) unknown.add(key);
    }
    if (!unknown.isEmpty()) {
      throw new IOException(
          file + ": unknown keys " + unknown + "; expected some of " + new TreeSet<>(knownKeys));
    }
    return new ConfigFile(file, root);
  }

  public static String key(String longOption) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : longOption.replaceFirst("^-+", "").toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) return null;
    JsonNode v = root.get(key(option.longestName()));
    if (v == null || v.isNull()) return null;
    if (v.isArray() && v.isEmpty()) return null;
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(i.asText()));
      return String.join(",", items);
    }
    return v.asText();
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
