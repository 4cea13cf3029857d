package io.restock.schemas.access;

import io.restock.schemas.provisioning.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * {@code bin/restock acl}: grants (or with {@code --remove} revokes) the ACLs of a supplier, a shop or
 * supplier-gateway ({@link AccessGrants}), as documented in supplier-gateway/README.md and
 * order-intake/README.md, and prints each ACL and what
 * was done with it. Exit 0 when done, 1 when Kafka refused or could not be reached, 2 on bad options.
 */
public final class GrantAccess {

    static final String USAGE = """
            usage: restock acl supplier <supplier-id> [options]
                   restock acl shop <shop-id> [--transactional] [options]
                   restock acl service supplier-gateway [options]
              --principal User:<name>     the party's principal (default User:supplier-<id>, User:shop-<id>,
                                          User:supplier-gateway)
              --transactional             shops only: also allow transactional ids starting with shops/<id>/
              --remove                    remove these ACLs instead of adding them
              --dry-run                   print the ACLs, change nothing
              --bootstrap-servers B       default $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092
              --command-config FILE       admin client properties (security.protocol, sasl.mechanism,
                                          sasl.jaas.config of a user allowed to alter ACLs)
              --timeout-seconds N         default 15""";

    private GrantAccess() {
    }

    /** Parsed command line. */
    record Options(AccessGrant grant, boolean remove, boolean dryRun, String bootstrapServers, Path commandConfig,
                   Duration timeout) {

        static Options parse(final String[] args, final Map<String, String> env) {
            if (args.length < 2) {
                throw new IllegalArgumentException("name a party: supplier <id>, shop <id> or service supplier-gateway");
            }
            final String kind = args[0];
            final String id = args[1];
            String principal = null;
            boolean transactional = false;
            boolean remove = false;
            boolean dryRun = false;
            String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
            Path commandConfig = null;
            Duration timeout = Duration.ofSeconds(15);
            for (int i = 2; i < args.length; i++) {
                switch (args[i]) {
                    case "--transactional" -> transactional = true;
                    case "--remove" -> remove = true;
                    case "--dry-run" -> dryRun = true;
                    case "--principal" -> principal = value(args, ++i);
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                    case "--command-config" -> commandConfig = Path.of(value(args, ++i));
                    case "--timeout-seconds" -> timeout = Duration.ofSeconds(seconds(value(args, ++i)));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            final AccessGrant grant = switch (kind) {
                case "supplier" -> {
                    if (transactional) {
                        throw new IllegalArgumentException("--transactional is for shops; suppliers only read");
                    }
                    yield principal == null ? AccessGrants.supplier(id) : AccessGrants.supplier(id, principal);
                }
                case "shop" -> principal == null ? AccessGrants.shop(id, transactional)
                        : AccessGrants.shop(id, principal, transactional);
                case "service" -> {
                    if (!"supplier-gateway".equals(id) || transactional) {
                        throw new IllegalArgumentException("service: only supplier-gateway's grant is defined so far");
                    }
                    yield principal == null ? AccessGrants.supplierGateway()
                            : AccessGrants.supplierGateway("supplier-gateway", principal);
                }
                default -> throw new IllegalArgumentException("unknown party '" + kind
                        + "': supplier, shop or service");
            };
            return new Options(grant, remove, dryRun, bootstrap.isBlank() ? "127.0.0.1:9092" : bootstrap,
                    commandConfig, timeout);
        }

        private static String value(final String[] args, final int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i - 1]);
            }
            return args[i];
        }

        private static long seconds(final String value) {
            try {
                final long seconds = Long.parseLong(value);
                if (seconds > 0) {
                    return seconds;
                }
            } catch (final NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--timeout-seconds needs a positive number, not '" + value + "'");
        }

        /** The admin client's settings: bounded timeouts, then whatever the command config file says. */
        Properties adminProperties() {
            final Properties properties = TopicProvisioner.adminProperties(bootstrapServers, timeout);
            properties.put("client.id", "restock-acl");
            if (commandConfig != null) {
                try (InputStream in = Files.newInputStream(commandConfig)) {
                    properties.load(in);
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot read --command-config " + commandConfig, e);
                }
            }
            return properties;
        }
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(final String[] args, final Map<String, String> env, final PrintStream out, final PrintStream err) {
        if (args.length > 0 && ("-h".equals(args[0]) || "--help".equals(args[0]))) {
            out.println(USAGE);
            return 0;
        }
        final Options options;
        try {
            options = Options.parse(args, env);
        } catch (final IllegalArgumentException e) {
            err.println("restock acl: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        final AccessGrant grant = options.grant();
        if (options.dryRun()) {
            out.println(grant.description() + " (dry run, nothing changed)");
            grant.lines().forEach(line -> out.println("  " + (options.remove() ? "would remove " : "would add ")
                    + line));
            return 0;
        }
        try (Admin admin = Admin.create(options.adminProperties())) {
            final AclApplier applier = new AclApplier(admin, options.timeout());
            final AclApplier.Report report = options.remove() ? applier.revoke(grant) : applier.grant(grant);
            out.println(grant.description() + " at " + options.bootstrapServers());
            report.lines().forEach(line -> out.println("  " + line));
            return 0;
        } catch (final AclException | UncheckedIOException e) {
            err.println("restock acl: " + e.getMessage());
            return 1;
        } catch (final KafkaException e) {
            // e.g. a malformed --command-config: the admin client cannot even be created
            err.println("restock acl: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return 1;
        }
    }
}
