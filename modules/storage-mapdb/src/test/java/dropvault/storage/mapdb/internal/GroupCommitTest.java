package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.storage.StoreException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GroupCommit against a model of MapDB's transactions: pending changes, commit, rollback. */
class GroupCommitTest {
    private static final long LAZY_NANOS = 1_000_000_000L;

    private static final class ModelDb implements GroupCommit.Transactions {
        final List<String> committed = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        RuntimeException rollbackFailure;
        int rollbacks;

        @Override
        public void commit() {
            committed.addAll(pending);
            pending.clear();
        }

        @Override
        public void rollback() {
            rollbacks++;
            if (rollbackFailure != null) {
                throw rollbackFailure;
            }
            pending.clear();
        }
    }

    @Test
    void aChangeThatThrowsHalfwayIsRolledBackWhole() throws Exception {
        ModelDb db = new ModelDb();
        GroupCommit commits = new GroupCommit(db, CommitFault.NONE, LAZY_NANOS, "test");
        IllegalStateException failure = new IllegalStateException("MapDB failed halfway");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> commits.write(() -> {
            db.pending.add("first half");
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(1, db.rollbacks);
        assertTrue(commits.write(() -> db.pending.add("next")));
        commits.close();
        assertEquals(List.of("next"), db.committed);
    }

    @Test
    void aChangeThatChangesNothingDoesNotCommit() throws Exception {
        ModelDb db = new ModelDb();
        GroupCommit commits = new GroupCommit(db, CommitFault.NONE, LAZY_NANOS, "test");
        assertFalse(commits.write(() -> false));
        commits.close();
        assertEquals(0, commits.commits());
    }

    @Test
    void aStoreThatCannotRollBackRefusesFurtherWork() throws Exception {
        ModelDb db = new ModelDb();
        ScriptedFault fault = new ScriptedFault().fail(1);
        GroupCommit commits = new GroupCommit(db, fault, LAZY_NANOS, "test");
        db.rollbackFailure = new IllegalStateException("the disk is gone");
        assertThrows(StoreException.class, () -> commits.write(() -> db.pending.add("lost")));
        StoreException refused = assertThrows(StoreException.class, () -> commits.write(() -> db.pending.add("x")));
        assertTrue(refused.getMessage().contains("reopened"), refused.getMessage());
        assertThrows(StoreException.class, () -> commits.read(() -> "anything"));
        commits.close();
        assertTrue(db.committed.isEmpty());
    }

    @Test
    void lazyChangesWaitForTheNextCommit() throws Exception {
        ModelDb db = new ModelDb();
        GroupCommit commits = new GroupCommit(db, CommitFault.NONE, Long.MAX_VALUE / 2, "test");
        commits.writeLazily(() -> db.pending.add("last seen"));
        assertEquals(0, commits.commits());
        commits.write(() -> db.pending.add("registration"));
        assertEquals(List.of("last seen", "registration"), db.committed);
        commits.writeLazily(() -> db.pending.add("last seen again"));
        commits.close();
        assertEquals(List.of("last seen", "registration", "last seen again"), db.committed);
        assertEquals(2, commits.commits());
    }
}
