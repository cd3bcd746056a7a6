package org.signet.hotfolder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a completed batch leaves for its producer: {@code report.csv} (one line a file: result, output, the output's
 * SHA-256, error) and the counts the ready semaphore carries. A workflow root's documents are STARTED (their output a
 * receipt naming the workflow), not SIGNED: their signers sign later.
 */
record BatchReport(byte[] csv, String done, int signed, int failed) {

    static final String FILE_NAME = "report.csv";

    static BatchReport of(List<BatchItem> items, boolean startsWorkflows) {
        String done = startsWorkflows ? "STARTED" : BatchItem.Status.SIGNED.name();
        StringBuilder report = new StringBuilder("file,result,output,output_sha256,error\n");
        int signed = 0;
        for (BatchItem item : items) {
            report.append(csv(item.fileName())).append(',').append(item.status() == BatchItem.Status.SIGNED ? done : item.status().name()).append(',').append(csv(item.output())).append(',')
                    .append(item.outputSha256() == null ? "" : item.outputSha256()).append(',').append(csv(item.error())).append('\n');
            if (item.status() == BatchItem.Status.SIGNED) {
                signed++;
            }
        }
        return new BatchReport(report.toString().getBytes(StandardCharsets.UTF_8), done, signed, items.size() - signed);
    }

    /** The ready semaphore's content, written last. */
    byte[] readySemaphore() {
        return (done.toLowerCase(java.util.Locale.ROOT) + "=" + signed + "\nfailed=" + failed + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
