package io.restock.schemas.access;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.ResourcePatternFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies or removes an {@link AccessGrant} through the Admin API (what {@code kafka-acls.sh --add / --remove}
 * does), and returns once the broker answering the admin client enforces the change. Idempotent: ACLs already
 * present are reported, not duplicated; nothing outside the grant is touched.
 */
public final class AclApplier {

    private final Admin admin;
    private final Duration timeout;

    /** {@code admin} must log in as a principal allowed to ALTER the cluster's ACLs (e.g. a super user). */
    public AclApplier(final Admin admin, final Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What was done, one line per ACL of the grant: {@code added …} or {@code already present …}. */
    public record Report(List<String> lines) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    public Report grant(final AccessGrant grant) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Set<AclBinding> existing = current(grant.principal(), deadline);
        final List<AclBinding> missing = grant.bindings().stream().filter(b -> !existing.contains(b)).toList();
        if (!missing.isEmpty()) {
            await(admin.createAcls(missing).all(), "create ACLs for " + grant.principal(), deadline);
        }
        awaitEnforced(grant.principal(), grant.bindings(), true, deadline);
        final List<String> lines = new ArrayList<>();
        for (final AclBinding binding : grant.bindings()) {
            lines.add((missing.contains(binding) ? "added " : "already present ") + AccessGrant.line(binding));
        }
        return new Report(lines);
    }

    public Report revoke(final AccessGrant grant) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Set<AclBinding> existing = current(grant.principal(), deadline);
        final List<AclBinding> present = grant.bindings().stream().filter(existing::contains).toList();
        if (!present.isEmpty()) {
            final DeleteAclsResult result = admin.deleteAcls(present.stream().map(AclBinding::toFilter).toList());
            await(result.all(), "delete ACLs of " + grant.principal(), deadline);
        }
        awaitEnforced(grant.principal(), grant.bindings(), false, deadline);
        final List<String> lines = new ArrayList<>();
        for (final AclBinding binding : grant.bindings()) {
            lines.add((present.contains(binding) ? "removed " : "not present ") + AccessGrant.line(binding));
        }
        return new Report(lines);
    }

    /** Every ACL of {@code principal} as the broker sees it. */
    private Set<AclBinding> current(final String principal, final long deadline) {
        final AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
        final Collection<AclBinding> bindings = await(admin.describeAcls(filter).values(),
                "describe the ACLs of " + principal, deadline);
        return new HashSet<>(bindings);
    }

    /** ACLs reach the brokers' authorizers through the metadata log, a moment after the controller took them. */
    private void awaitEnforced(final String principal, final List<AclBinding> bindings, final boolean present,
                               final long deadline) {
        while (true) {
            final Set<AclBinding> seen = current(principal, deadline);
            if (bindings.stream().allMatch(b -> seen.contains(b) == present)) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new AclException("the broker did not show the " + (present ? "new" : "removed")
                        + " ACLs of " + principal + " within " + timeout.toSeconds() + " s");
            }
        }
    }

    private <T> T await(final KafkaFuture<T> future, final String what, final long deadline) {
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final TimeoutException e) {
            throw new AclException("could not " + what + " within " + timeout.toSeconds()
                    + " s: is Kafka reachable there, and does it need a login (--command-config)?",
                    e);
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof SecurityDisabledException) {
                throw new AclException("could not " + what + ": the cluster has no authorizer "
                        + "(authorizer.class.name), so ACLs cannot be set or enforced", cause);
            }
            if (cause instanceof ClusterAuthorizationException) {
                throw new AclException("could not " + what + ": the admin principal may not change ACLs "
                        + "(use a super user or one with ALTER on the cluster)", cause);
            }
            throw new AclException("could not " + what + ": " + cause, cause);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AclException("interrupted while trying to " + what, e);
        }
    }
}
