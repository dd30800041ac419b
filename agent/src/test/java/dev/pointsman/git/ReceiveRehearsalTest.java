package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiveRehearsalTest {
  @TempDir Path tmp;

  @Test
  void theOneObjectPackIsWhatGitReceivesAndTheBlobReadsBack() throws Exception {
    byte[] blob =
        "a blob of some length, more than fifteen bytes\n".getBytes(StandardCharsets.UTF_8);
    try (Repository repo = FileRepositoryBuilder.create(tmp.resolve("r.git").toFile())) {
      repo.create(true);
      try (ObjectInserter inserter = repo.newObjectInserter()) {
        inserter
            .newPackParser(new ByteArrayInputStream(ReceiveRehearsal.pack(blob)))
            .parse(NullProgressMonitor.INSTANCE);
        inserter.flush();
      }
      ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, blob);
      assertThat(repo.open(id, Constants.OBJ_BLOB).getBytes()).isEqualTo(blob);
    }
  }

  @Test
  void aRehearsalLeavesNothingBehind() throws Exception {
    Path parent = tmp.resolve("repos");
    ReceiveRehearsal.run(parent);
    ReceiveRehearsal.run(parent);
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }
}
