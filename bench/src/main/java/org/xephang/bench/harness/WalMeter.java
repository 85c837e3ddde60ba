package org.xephang.bench.harness;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts what the server's SQLite writes to its write-ahead log over a window of load, without touching the server:
 * the bytes (frames) and the commits, each commit being one fsync of the WAL under {@code synchronous=FULL}. Load-free
 * figures: unlike issues per second they do not move with what else runs on the machine (the group size still does,
 * so it is reported with them).
 *
 * <p>How: a read transaction on a second connection pins the WAL (the server's checkpoints cannot restart it while a
 * reader holds a snapshot in it), then the WAL file is read frame by frame at the start and at the end of the window:
 * each frame is a 24-byte header and a page, and a frame whose header carries the database size ends a commit
 * (sqlite.org/fileformat2.html §4). Frames of an older WAL generation (other salts) are not counted. Blocking.
 */
public final class WalMeter implements AutoCloseable {

    /** SQLite's automatic checkpoint: every 1,000 WAL pages, each checkpoint one fsync of the WAL and one of the db. */
    static final int AUTO_CHECKPOINT_PAGES = 1000;

    private final Path wal;
    private final Connection reader;
    private final Reading start;

    private WalMeter(Path wal, Connection reader, Reading start) {
        this.wal = wal;
        this.reader = reader;
        this.start = start;
    }

    /** What the WAL holds now: its generation (salts), page size, frames and commits of that generation. */
    record Reading(long salts, int pageSize, long frames, long commits) {}

    /**
     * Pins the WAL of {@code db} and reads where it stands.
     *
     * @throws SQLException when the database cannot be read
     */
    public static WalMeter start(Path db) throws SQLException, IOException {
        Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM event WHERE seq < 0")) {
                rs.next(); // the read transaction and its WAL snapshot start here and last until close()
            }
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            return new WalMeter(wal, reader, read(wal));
        } catch (SQLException | IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The WAL written since {@link #start}, for {@code operations} operations (issues): bytes, frames, commits, and the
     * fsyncs they cost (one per commit, plus the two of each automatic checkpoint those frames will cause). Empty
     * ({@code valid=false}) when the WAL was restarted meanwhile, which a pinned WAL only allows in a rare race.
     */
    public JsonObject stop(long operations) throws IOException, SQLException {
        Reading end = read(wal);
        reader.rollback();
        JsonObject result = new JsonObject().put("operations", operations);
        if (end.salts() != start.salts() || end.frames() < start.frames() || operations <= 0) {
            return result.put("valid", false);
        }
        long frames = end.frames() - start.frames();
        long commits = end.commits() - start.commits();
        long bytes = frames * (start.pageSize() + 24L);
        double perOp = 1.0 / operations;
        double commitsPerOp = commits * perOp;
        double checkpointFsyncsPerOp = 2.0 * frames / AUTO_CHECKPOINT_PAGES * perOp;
        return result.put("valid", true)
                .put("pageSize", start.pageSize())
                .put("frames", frames)
                .put("commits", commits)
                .put("walBytes", bytes)
                .put("walBytesPerOp", Math.round(bytes * perOp))
                .put("pagesPerOp", round(frames * perOp))
                .put("commitsPerOp", round(commitsPerOp))
                .put("opsPerCommit", commits == 0 ? 0 : round((double) operations / commits))
                .put("fsyncsPerOp", round(commitsPerOp + checkpointFsyncsPerOp));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static Reading read(Path wal) throws IOException {
        if (!Files.exists(wal)) {
            return new Reading(0, 4096, 0, 0);
        }
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "r")) {
            long length = file.length();
            if (length < 32) {
                return new Reading(0, 4096, 0, 0);
            }
            byte[] header = new byte[32];
            file.readFully(header);
            int pageSize = readInt(header, 8);
            if (pageSize == 1) {
                pageSize = 65536;
            }
            long salts = ((long) readInt(header, 16) << 32) | (readInt(header, 20) & 0xffffffffL);
            long frameSize = pageSize + 24L;
            byte[] frameHeader = new byte[24];
            long frames = 0;
            long commits = 0;
            long lastCommitFrames = 0;
            for (long offset = 32; offset + frameSize <= length; offset += frameSize) {
                file.seek(offset);
                file.readFully(frameHeader);
                long frameSalts = ((long) readInt(frameHeader, 8) << 32) | (readInt(frameHeader, 12) & 0xffffffffL);
                if (frameSalts != salts) {
                    break;
                }
                frames++;
                if (readInt(frameHeader, 4) != 0) {
                    commits++;
                    lastCommitFrames = frames;
                }
            }
            // Frames after the last commit frame belong to a transaction still being written.
            return new Reading(salts, pageSize, lastCommitFrames, commits);
        }
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }

    /** Ends the read transaction (idempotent with {@link #stop}). */
    @Override
    public void close() throws SQLException {
        reader.close();
    }
}
