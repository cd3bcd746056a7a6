package org.signet.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.signet.hotfolder.Batch;
import org.signet.hotfolder.BatchControl;
import org.signet.hotfolder.BatchLifecycle;
import org.signet.hotfolder.HotFolder;
import org.signet.hotfolder.HotFolderNames;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every hot folder's root and batch folders (a file-system watch, with a scan every five seconds as the safety
 * net) and starts a job for each batch whose approval file has appeared. At start-up it first starts again the jobs of
 * batches a crash or a shutdown left unfinished, which resumes them.
 */
@Singleton
@Startup
@DependsOn("signet-ejb.jar#SignetStartup") // the schema and the tokens come first
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(BatchControl.class)
@LocalBean
public class HotFolderWatcher implements BatchControl {

    static final String JOB = "signet-hotfolder";
    private static final Logger LOG = Logger.getLogger(HotFolderWatcher.class.getName());

    @EJB
    private BatchLifecycle lifecycle;
    @Resource
    private ManagedThreadFactory threads;

    /** Batches with a job in this server now; never two jobs for one batch. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** Batches an operator asked to stop (a server shutdown stops jobs too, and those resume at the next start). */
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    /** Partitions of each batch's jobs still reading or signing: a stopped job's may finish their chunk late. */
    private final Map<String, AtomicInteger> working = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> watched = new ConcurrentHashMap<>();
    /**
     * Batch folders whose job runs here, by batch: not watched meanwhile. Reading a file there changes its access time,
     * an event the watch thread and this bean then handle for nothing (about 3 % of the server's CPU per document);
     * the folder is watched again once its job has ended, for the approval file touched to resume it.
     */
    private final Map<String, Path> quiet = new ConcurrentHashMap<>();
    /** For each watched batch folder, the approval file's name: the one event there that matters. */
    private final Map<Path, String> approvalFiles = new ConcurrentHashMap<>();
    private volatile WatchService watch;
    private Thread watcher;

    @PostConstruct
    void start() {
        for (String batch : lifecycle.unfinished()) {
            LOG.info("Signet resumes batch " + batch);
            lifecycle.resuming(batch);
            startJob(batch);
        }
        try {
            watch = FileSystems.getDefault().newWatchService();
            watcher = threads.newThread(this::watchLoop);
            watcher.setName("signet-hotfolder-watch");
            watcher.start();
        } catch (IOException e) {
            LOG.warning("no file-system watch for hot folders (" + e + "); the five-second scan still finds batches");
        }
    }

    @PreDestroy
    void stop() {
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            // closing on the way out
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void scheduledScan() {
        scan();
    }

    /** Starts a job for every approved batch that has none. */
    public synchronized void scan() {
        for (HotFolder folder : lifecycle.hotFolders()) {
            Path root = folder.root();
            register(root, null);
            try (DirectoryStream<Path> batches = Files.newDirectoryStream(root)) {
                for (Path batch : batches) {
                    String name = batch.getFileName().toString();
                    // Links are not followed, and names that could leave the root are never used.
                    if (!HotFolderNames.isPlainDirectory(batch) || !HotFolderNames.isSafeName(name) || quiet.containsValue(batch)) {
                        continue;
                    }
                    register(batch, folder.approvalFile());
                    if (HotFolderNames.isPlainFile(batch.resolve(folder.approvalFile()))) {
                        String id = claim(folder.name(), name);
                        if (id != null && active.contains(id)) {
                            unwatch(id, batch);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "hot folder '" + folder.name() + "' cannot be scanned: " + e.getMessage());
            }
        }
    }

    /** True when an operator asked the batch's job to stop. */
    public boolean stopRequested(String batchId) {
        return stopping.contains(batchId);
    }

    /** Called by the job listener when a batch's job has ended. */
    public void ended(String batchId) {
        stopping.remove(batchId);
        active.remove(batchId);
        quiet.remove(batchId); // the next scan watches the folder again
    }

    /** Synchronized with the scan: a claim commits before the next one looks, so a folder never becomes two batches. */
    @Override
    public synchronized String claim(String hotFolder, String batchName) {
        String id = lifecycle.claim(hotFolder, batchName);
        if (id != null && !active.contains(id) && lifecycle.startable(id)) {
            startJob(id);
        }
        return id;
    }

    @Override
    public void start(String batchId) {
        startJob(batchId);
    }

    @Override
    public void stop(String batchId) {
        Batch batch = lifecycle.batch(batchId);
        if (batch != null && batch.jobExecution() != null && active.contains(batchId)) {
            stopping.add(batchId);
            BatchRuntime.getJobOperator().stop(batch.jobExecution());
        }
    }

    /** A partition of the batch's job began (its reader opened). */
    public void partitionOpened(String batchId) {
        working.computeIfAbsent(batchId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** A partition of the batch's job is done with its files (its reader closed). */
    public void partitionClosed(String batchId) {
        AtomicInteger count = working.get(batchId);
        if (count != null) {
            synchronized (count) {
                if (count.decrementAndGet() <= 0) {
                    count.notifyAll();
                }
            }
        }
    }

    /**
     * A new job for a batch starts only when the last one's partitions have all let go of their files: the job ends
     * (and the listener frees the batch) while a stopped job's partition may still be signing its last chunk, and two
     * workers must never reach the same file.
     */
    private boolean previousJobLetGo(String batchId) {
        AtomicInteger count = working.get(batchId);
        if (count == null) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        synchronized (count) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    count.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void startJob(String batchId) {
        if (!active.add(batchId)) {
            return;
        }
        if (!previousJobLetGo(batchId)) {
            active.remove(batchId);
            LOG.warning("batch " + batchId + " is not started again: a partition of its last job is still signing after two minutes");
            return;
        }
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            Properties parameters = new Properties();
            parameters.setProperty("batch", batchId);
            long execution = operator.start(JOB, parameters);
            lifecycle.jobStarted(batchId, execution);
        } catch (RuntimeException e) {
            active.remove(batchId);
            LOG.log(Level.WARNING, "the job for batch " + batchId + " could not start: " + e.getMessage(), e);
        }
    }

    private void unwatch(String batchId, Path dir) {
        quiet.put(batchId, dir);
        WatchKey key = watched.remove(dir);
        if (key != null) {
            key.cancel();
        }
        if (!active.contains(batchId)) {
            quiet.remove(batchId); // the job ended meanwhile
        }
    }

    private void register(Path dir, String approvalFile) {
        WatchService service = watch;
        if (approvalFile != null) {
            approvalFiles.put(dir, approvalFile);
        }
        if (service == null || watched.containsKey(dir)) {
            return;
        }
        try {
            watched.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | ClosedWatchServiceException e) {
            // the scan covers a folder the watch cannot
        }
    }

    /**
     * Whether the events could mean a new approval: anything in a root (a new batch folder), but in a batch folder
     * only its approval file. Reading a batch's files changes their access times, an event per file, which must not
     * make a scan each.
     */
    private boolean relevant(WatchKey key) {
        String approvalFile = key.watchable() instanceof Path dir ? approvalFiles.get(dir) : null;
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            relevant |= approvalFile == null || event.kind() == StandardWatchEventKinds.OVERFLOW
                    || approvalFile.equals(String.valueOf(event.context()));
        }
        return relevant;
    }

    private void watchLoop() {
        while (true) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            boolean relevant = relevant(key);
            if (!key.reset()) {
                watched.values().remove(key);
            }
            if (!relevant) {
                continue;
            }
            try {
                scan();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "hot folder scan failed: " + e.getMessage(), e);
            }
        }
    }
}
