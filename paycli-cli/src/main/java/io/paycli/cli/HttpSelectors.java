package io.paycli.cli;

/**
 * Ends the JDK HTTP client's selector threads before the process exits. The JVM's exit waits up to 300 ms for any
 * thread that is blocked in native code to leave it, and an idle selector thread sits in native code waiting for
 * sockets; on Java 17 an HttpClient cannot be closed, so its selector thread stays until the process ends. A
 * selector thread stops its loop when interrupted. Called once the command's work is done and its clients closed.
 */
final class HttpSelectors {
    private HttpSelectors() {
    }

    static void end() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
            }
        }
    }
}
