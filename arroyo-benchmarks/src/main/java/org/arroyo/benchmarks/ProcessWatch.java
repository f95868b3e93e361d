package org.arroyo.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The CPU time and the heap of a pipeline process as its own MXBeans see them. CPU time per event is what a stage
 * costs whatever else the machine runs; the heap: the most heap in use (sampled every few
 * milliseconds), and the most that was still in use after a garbage collection, which is what the pipeline really
 * holds (queued frames included) rather than garbage not yet collected.
 */
final class ProcessWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 10;
    private static final double MIB = 1024.0 * 1024.0;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAccumulator peakUsed = new LongAccumulator(Math::max, 0);
    private final LongAccumulator peakAfterGc = new LongAccumulator(Math::max, 0);
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    ProcessWatch() {
        sampler.scheduleAtFixedRate(
                () -> peakUsed.accumulate(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()),
                0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info
                            = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    peakAfterGc.accumulate(info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum());
                }
            }, null, null);
        }
    }

    /** CPU time this process has used, all threads together. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("peakHeapMiB", peakUsed.get() / MIB);
        report.put("peakHeapAfterGcMiB", peakAfterGc.get() / MIB);
        report.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / MIB);
        report.put("gcCount", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum());
        report.put("gcMillis", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum());
        return report;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
