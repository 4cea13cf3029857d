package io.restock.schemas.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantAccessTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void aDryRunPrintsTheAclsWithoutConnecting() {
        final int exit = run(Map.of(), "supplier", "acme", "--dry-run", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isZero();
        assertThat(out()).contains("supplier acme reads suppliers.acme.purchase-orders (dry run, nothing changed)",
                "would add ALLOW User:supplier-acme READ on TOPIC suppliers.acme.purchase-orders (LITERAL)");
    }

    @Test
    void supplierGatewaysOwnGrantIsAServiceGrant() {
        final int exit = run(Map.of(), "service", "supplier-gateway", "--dry-run");

        assertThat(exit).isZero();
        assertThat(out()).contains("would add ALLOW User:supplier-gateway READ on TOPIC procurement.purchase-orders (LITERAL)",
                "would add ALLOW User:supplier-gateway WRITE on TRANSACTIONAL_ID supplier-gateway (PREFIXED)");
        assertThat(run(Map.of(), "service", "order-intake", "--dry-run")).isEqualTo(2);
    }

    @Test
    void badOptionsExitWithTwoAndTheUsage() {
        assertThat(run(Map.of(), "warehouse", "w1")).isEqualTo(2);
        assertThat(run(Map.of(), "supplier", "acme", "--transactional")).isEqualTo(2);
        assertThat(run(Map.of(), "shop")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown party 'warehouse'", "usage: restock acl");
    }

    @Test
    void theCommandConfigFileAddsTheAdminsLogin() throws Exception {
        final Path config = dir.resolve("admin.properties");
        Files.writeString(config, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n");

        final GrantAccess.Options options = GrantAccess.Options.parse(new String[] {"shop", "demo-shop",
                "--command-config", config.toString()}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093"));

        assertThat(options.adminProperties()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void anUnreachableBrokerExitsWithOne() {
        final int exit = run(Map.of(), "shop", "demo-shop", "--bootstrap-servers", "127.0.0.1:1",
                "--timeout-seconds", "2");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restock acl: could not describe the ACLs of "
                + "User:shop-demo-shop");
    }

    private int run(final Map<String, String> env, final String... args) {
        return GrantAccess.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
