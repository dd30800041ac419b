package dev.pointsman.adopt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Safe, stable file and metadata names from AWS names: lower-case letters, digits and {@code -}
 * only (no path separators, no dots, no leading or trailing dash), at most 60 characters. When that
 * loses information (characters other than letters, digits, {@code -} and {@code _}, or a
 * truncation), or when two resources of one run would get the same name, eight hex characters of
 * the SHA-256 of the resource's identity are appended, so the name stays the same on the next
 * import of the same resources.
 */
final class FileNames {
  static final int MAX = 60;
  private static final int HASH = 8;
  private static final Pattern ORDINARY = Pattern.compile("[A-Za-z0-9_-]+");

  private final Map<String, String> owners = new HashMap<>();

  static final String FILES = "files";

  /**
   * The name in {@code namespace} (the files of a folder, the metadata names of a kind) of the
   * resource known as {@code identity}, built from its AWS name {@code parts} joined by {@code -}.
   */
  String name(String namespace, String identity, String... parts) {
    boolean lossy = Arrays.stream(parts).anyMatch(p -> !ORDINARY.matcher(p).matches());
    String slug = Arrays.stream(parts).map(FileNames::slug).collect(Collectors.joining("-"));
    if (lossy || slug.length() > MAX) slug = hashed(slug, identity);
    String owner = owners.putIfAbsent(namespace + "\u0000" + slug, identity);
    if (owner != null && !owner.equals(identity)) {
      slug = hashed(slug, identity);
      owners.putIfAbsent(namespace + "\u0000" + slug, identity);
    }
    return slug;
  }

  static String slug(String awsName) {
    String s =
        awsName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }

  private static String hashed(String slug, String identity) {
    String head = slug.length() > MAX - HASH - 1 ? slug.substring(0, MAX - HASH - 1) : slug;
    return head.replaceAll("-+$", "") + "-" + hash(identity);
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, HASH / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
