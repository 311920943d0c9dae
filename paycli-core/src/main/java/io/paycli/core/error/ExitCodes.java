package io.paycli.core.error;

/** The exit codes of PRODUCT.md section 3. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int CLUSTER = 4;
    public static final int DEPLOY_FAILED = 5;
    public static final int LOCKED = 6;
    public static final int DIFF_CHANGES = 7;

    private ExitCodes() {
    }
}
