package com.taskdesk.budget.config;

/**
 * How a production stage's functions verify their database server: pgjdbc's {@code sslmode=verify-full}
 * (the certificate chains to a CA the function trusts, and names the host it dialled) with
 * {@code sslrootcert} naming the RDS CA bundle function.zip carries. Without sslrootcert pgjdbc looks
 * for ~/.postgresql/root.crt, which no Lambda has; {@code require} encrypts but trusts any certificate.
 */
public final class DatabaseTls {

    /**
     * Where the function finds AWS's RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem):
     * Quarkus adds src/main/zip.jvm/ to function.zip, which Lambda unpacks under /var/task.
     */
    public static final String RDS_CA_BUNDLE = "/var/task/rds-ca/global-bundle.pem";

    public static final String VERIFY_FULL = "verify-full";

    /** Where Lambda unpacks function.zip. */
    public static final String FUNCTION_ROOT = "/var/task/";

    /** What Quarkus adds to function.zip as it is (quarkus-amazon-lambda's FunctionZipProcessor: zip.jvm). */
    public static final String ZIP_ROOT = "src/main/zip.jvm";

    private DatabaseTls() {}
}
