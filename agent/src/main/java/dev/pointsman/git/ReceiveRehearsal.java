package dev.pointsman.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.FileUtils;

/**
 * Receives a one-object pack into a throwaway repository, so that the code a fetch runs when it
 * brings objects (pack parsing, indexing, hashing, writing) has run once before the first push
 * after a start: an idle poll's fetch brings nothing and leaves that path cold, and on a cold JVM
 * it cost the first promotion about 30 ms. Nothing of the clone is touched.
 */
final class ReceiveRehearsal {
  /**
   * A blob the size of a large manifest file (thousands of documents): hashing, inflating and
   * writing it runs those loops often enough for the JIT to compile them, as a promotion in such a
   * file needs them.
   */
  private static final byte[] CONTENT = content(4000);

  private ReceiveRehearsal() {}

  private static byte[] content(int documents) {
    StringBuilder text = new StringBuilder("# pointsman: a fetch rehearsed at start\n");
    for (int i = 0; i < documents; i++)
      text.append("---\nkind: Rehearsal\nmetadata:\n  name: r-").append(i).append("\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Runs in a temporary folder under {@code parent}, removed afterwards. */
  static void run(Path parent) throws IOException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "rehearsal-");
    try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
      repo.create(true);
      try (ObjectInserter inserter = repo.newObjectInserter()) {
        PackParser parser = inserter.newPackParser(new ByteArrayInputStream(pack(CONTENT)));
        parser.parse(NullProgressMonitor.INSTANCE);
        inserter.flush();
      }
      ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, CONTENT);
      repo.open(id, Constants.OBJ_BLOB).getBytes();
    } finally {
      FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
  }

  /** A version 2 pack holding one blob (Git's pack format: header, object, SHA-1 trailer). */
  static byte[] pack(byte[] blob) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'P', 'A', 'C', 'K'});
    out.writeBytes(ByteBuffer.allocate(8).putInt(2).putInt(1).array());
    long size = blob.length;
    int first = (Constants.OBJ_BLOB << 4) | (int) (size & 0x0f);
    size >>>= 4;
    out.write(size != 0 ? first | 0x80 : first);
    while (size != 0) {
      int b = (int) (size & 0x7f);
      size >>>= 7;
      out.write(size != 0 ? b | 0x80 : b);
    }
    Deflater deflater = new Deflater();
    deflater.setInput(blob);
    deflater.finish();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
    deflater.end();
    try {
      out.writeBytes(MessageDigest.getInstance("SHA-1").digest(out.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
