package com.taskdesk.budget.config;

import static com.taskdesk.budget.config.ConfigSchema.range;
import static com.taskdesk.budget.config.ConfigSchema.required;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.taskdesk.budget.config.ConfigSchema.Invalid;
import com.taskdesk.budget.config.ReservedClient.Kind;

/**
 * config/databases.yaml's reservedFor, as it is written: each item a client with its share and how
 * it connects, except PostgreSQL's superuser_reserved_connections, which stays a number.
 */
final class ReservedSchema {

    private ReservedSchema() {}

    /** One item of reservedFor: a number of slots (superuserReservedConnections) or a client. */
    static final class ReservedFile {
        final int slots;
        final ClientFile client;

        private ReservedFile(int slots, ClientFile client) {
            this.slots = slots;
            this.client = client;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ReservedFile slots(int slots) {
            return new ReservedFile(slots, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ReservedFile client(ClientFile client) {
            return new ReservedFile(client.share(), client);
        }
    }

    /** A client of the database and its share; which keys apply depends on how it connects (client). */
    record ClientFile(
            Integer share,
            Kind client,
            String role,
            String applicationName,
            Integer connectionLimit,
            Integer replicas,
            Integer poolTimeoutSeconds,
            Integer connectTimeoutSeconds) {
        ClientFile {
            range("share", required("share", share), 0, 262_143);
            required("client", client);
            if (client.app() && share < 1) {
                throw new Invalid("share", "must be at least 1 for the app (" + client.configName() + ")");
            }
            if (role == null && client.app()) {
                throw new Invalid("role", "is missing: the app's role is what PostgreSQL caps at its share");
            }
            if (role != null && !Names.ROLE.matcher(role).matches()) {
                throw new Invalid(
                        "role",
                        "must be a PostgreSQL role name: lower-case letters, digits and underscores, not"
                                + " starting with a digit or pg_, at most 63; got " + Names.quoted(role));
            }
            if (applicationName != null
                    && !Names.APPLICATION_NAME.matcher(applicationName).matches()) {
                throw new Invalid(
                        "applicationName",
                        "must be 1 to 63 letters, digits, '.', '_' or '-'; got " + Names.quoted(applicationName));
            }
            appOnly("connectionLimit", connectionLimit, client);
            appOnly("poolTimeoutSeconds", poolTimeoutSeconds, client);
            appOnly("connectTimeoutSeconds", connectTimeoutSeconds, client);
            range("connectionLimit", connectionLimit, 1, 1000);
            range("poolTimeoutSeconds", poolTimeoutSeconds, 1, 900);
            range("connectTimeoutSeconds", connectTimeoutSeconds, 1, 900);
            if (client == Kind.LONG_RUNNING) {
                range("replicas", required("replicas", replicas), 1, 1000);
                required("connectionLimit", connectionLimit);
            } else if (replicas != null) {
                throw new Invalid("replicas", "applies to longRunning only");
            }
        }

        private static void appOnly(String key, Integer value, Kind client) {
            if (value != null && !client.app()) {
                throw new Invalid(key, "applies to the app's kinds only (netlify, longRunning, pgbouncer)");
            }
        }

        ReservedClient resolve(String key) {
            return new ReservedClient(
                    key,
                    client,
                    share,
                    role,
                    applicationName == null ? key : applicationName,
                    connectionLimit == null ? (client.app() ? 1 : 0) : connectionLimit,
                    replicas == null ? 0 : replicas,
                    poolTimeoutSeconds == null ? ReservedClient.DEFAULT_POOL_TIMEOUT_SECONDS : poolTimeoutSeconds,
                    connectTimeoutSeconds == null
                            ? ReservedClient.DEFAULT_CONNECT_TIMEOUT_SECONDS
                            : connectTimeoutSeconds);
        }
    }
}
