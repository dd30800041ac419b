package dev.pointsman.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledFileTest {
  @TempDir Path dir;

  record Item(String key, int value) {}

  private JournaledFile<TreeMap<String, Integer>, Item> file() {
    return new JournaledFile<>(dir.resolve("state.json"), new TypeReference<>() {}, Item.class);
  }

  private static TreeMap<String, Integer> state(int n) {
    TreeMap<String, Integer> m = new TreeMap<>();
    for (int i = 0; i < n; i++) m.put("k" + i, i);
    return m;
  }

  @Test
  void entriesAreAppendedAfterTheSnapshotWhichIsNotWrittenAgain() throws Exception {
    JournaledFile<TreeMap<String, Integer>, Item> f = file();
    f.read();
    f.compact(state(1000));
    byte[] snapshot = Files.readAllBytes(dir.resolve("state.json"));

    f.append(List.of(new Item("k1", 7)));
    f.append(List.of(new Item("k2", 8), new Item("k3", 9)));

    assertThat(Files.readAllBytes(dir.resolve("state.json"))).isEqualTo(snapshot);
    assertThat(Files.readAllLines(dir.resolve("state.json.journal"))).hasSize(4); // + the header
    JournaledFile.Loaded<TreeMap<String, Integer>, Item> read = file().read();
    assertThat(read.snapshot()).contains(state(1000));
    assertThat(read.entries())
        .containsExactly(new Item("k1", 7), new Item("k2", 8), new Item("k3", 9));
  }

  @Test
  void compactingWritesTheStateWholeAndStartsAnEmptyJournal() throws Exception {
    JournaledFile<TreeMap<String, Integer>, Item> f = file();
    f.read();
    assertThat(f.due(10)).as("no snapshot yet: a journal of 64 KiB first").isFalse();
    List<Item> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) many.add(new Item("key-" + i, i));
    f.append(many);
    assertThat(f.due(0)).as("the journal outgrew 64 KiB").isTrue();

    f.compact(state(10));

    assertThat(f.due(0)).isFalse();
    JournaledFile.Loaded<TreeMap<String, Integer>, Item> read = file().read();
    assertThat(read.snapshot()).contains(state(10));
    assertThat(read.entries()).isEmpty();
    assertThat(dir.resolve("state.json.tmp")).doesNotExist();
    assertThat(dir.resolve("state.json.journal.tmp")).doesNotExist();
  }

  @Test
  void aJournalLeftBesideANewerSnapshotIsIgnored() throws Exception {
    JournaledFile<TreeMap<String, Integer>, Item> f = file();
    f.read();
    f.compact(state(3));
    f.append(List.of(new Item("k0", 100)));
    Path journal = dir.resolve("state.json.journal");
    byte[] old = Files.readAllBytes(journal);
    // A crash between writing the next snapshot (which holds the entry) and starting its journal.
    TreeMap<String, Integer> next = state(3);
    next.put("k0", 100);
    f.compact(next);
    Files.write(journal, old);

    JournaledFile.Loaded<TreeMap<String, Integer>, Item> read = file().read();

    assertThat(read.snapshot()).contains(next);
    assertThat(read.entries()).as("already in the snapshot: not replayed twice").isEmpty();
  }

  @Test
  void aLineCutShortEndsTheJournalAndTheNextSaveWritesEverything() throws Exception {
    JournaledFile<TreeMap<String, Integer>, Item> f = file();
    f.read();
    f.compact(state(3));
    f.append(List.of(new Item("k1", 10), new Item("k2", 20)));
    Files.writeString(
        dir.resolve("state.json.journal"),
        "{\"key\":\"k3\",\"val",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    JournaledFile<TreeMap<String, Integer>, Item> restarted = file();
    JournaledFile.Loaded<TreeMap<String, Integer>, Item> read = restarted.read();

    assertThat(read.entries()).containsExactly(new Item("k1", 10), new Item("k2", 20));
    assertThat(restarted.due(0))
        .as("appending after the cut line would hide what follows: write all instead")
        .isTrue();
  }

  @Test
  void aSnapshotWithoutAJournalIsReadAndTheFirstAppendStartsOne() throws Exception {
    // As an agent before the journal left it.
    Files.writeString(dir.resolve("state.json"), "{ \"a\" : 1 }");
    JournaledFile<TreeMap<String, Integer>, Item> f = file();
    assertThat(f.read().snapshot()).contains(new TreeMap<>(Map.of("a", 1)));

    f.append(List.of(new Item("a", 2)));

    assertThat(file().read().entries()).containsExactly(new Item("a", 2));
  }
}
