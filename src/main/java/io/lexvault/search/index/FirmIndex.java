package io.lexvault.search.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * One firm's open index: its writer and a near-real-time searcher manager over it. Writers and
 * searchers are thread-safe; the read-write lock only keeps a search or a write from running into the
 * index being closed (shutdown) or deleted (dropFirm), which takes the write side.
 */
final class FirmIndex implements Closeable {

    private final Path directory;
    private final FSDirectory store;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    FirmIndex(Path directory, Analyzer analyzer, Executor segmentSearches, IndexWriterConfigurer configurer)
            throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.store = FSDirectory.open(directory);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        configurer.configure(config);
        this.writer = new IndexWriter(store, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                return new IndexSearcher(reader, segmentSearches);
            }
        });
    }

    /** How the index writer is set up (the codec of the vector field, for one). */
    @FunctionalInterface
    interface IndexWriterConfigurer {
        void configure(IndexWriterConfig config);
    }

    Path directory() {
        return directory;
    }

    @FunctionalInterface
    interface WriteAction {
        void run(IndexWriter writer) throws IOException;
    }

    @FunctionalInterface
    interface SearchAction<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs a change, commits it (an event is marked done once its listener returns, so the change must
     * be on disk by then) and refreshes the searchers so the next query sees it. False when the index
     * was closed meanwhile (the caller opens it anew).
     */
    boolean write(WriteAction action) throws IOException {
        lock.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            action.run(writer);
            writer.commit();
            searchers.maybeRefreshBlocking();
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a search on the current searcher; null when the index was closed meanwhile. */
    <T> T search(SearchAction<T> action, T whenClosed) throws IOException {
        lock.readLock().lock();
        try {
            if (closed) {
                return whenClosed;
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                return action.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (store;
                    writer;
                    searchers) {
                // closed in reverse order: searchers, writer (commits pending changes), directory
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
