package dev.pointsman.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least-privilege policy documented in docs/getting-started-aws.md: every IAM action its {@code
 * Allow} statements grant (wildcards such as {@code lambda:Get*} honoured).
 */
public final class DocumentedPolicy {
  public static final Path DOC = Path.of("../docs/getting-started-aws.md");

  /** The read-only policy for {@code pointsman import} (its listings, then a plan). */
  public static final Path IMPORT_DOC = Path.of("../docs/adopting.md");

  private final Set<String> allowed;

  private DocumentedPolicy(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  public static DocumentedPolicy read() {
    return read(DOC);
  }

  /** The policy documented in {@code doc} (every {@code Allow} of its JSON blocks). */
  public static DocumentedPolicy read(Path doc) {
    try {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(text);
      Set<String> actions = new TreeSet<>();
      ObjectMapper json = new ObjectMapper();
      while (m.find()) {
        JsonNode policy = json.readTree(m.group(1));
        if (!policy.has("Statement")) continue;
        for (JsonNode st : policy.get("Statement")) {
          if (!"Allow".equals(st.path("Effect").asText())) continue;
          JsonNode a = st.get("Action");
          if (a.isArray()) a.forEach(x -> actions.add(x.asText()));
          else actions.add(a.asText());
        }
      }
      if (actions.isEmpty()) throw new IllegalStateException("no IAM policy found in " + doc);
      return new DocumentedPolicy(actions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when an Allow statement names {@code action} (IAM compares case-insensitively). */
  public boolean allows(String action) {
    for (String a : allowed) {
      String regex = "(?i)" + Pattern.quote(a).replace("*", "\\E.*\\Q");
      if (action.matches(regex)) return true;
    }
    return false;
  }

  public Set<String> actions() {
    return allowed;
  }
}
