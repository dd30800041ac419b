package dev.pointsman.adopt;

import java.util.List;

/**
 * One file import writes into the environment folder: its name, the one comment line saying where
 * it came from, and its documents (already rendered).
 */
public record ImportedFile(String fileName, String origin, List<String> documents) {
  public ImportedFile {
    documents = List.copyOf(documents);
  }
}
