package io.restock.schemas.compatibility;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code BACKWARD_TRANSITIVE} in the build: the current schema of a topic must read every version
 * ever released on it. Each problem names the field, as a path like
 * {@code OrderEvent.event<OrderPlaced>.lines[].unitPrice}.
 */
public final class BackwardCompatibility {

    /** One way the current schema cannot read a released version. */
    public record Violation(String topic, int releasedVersion, String field, String kind, String detail) {
        public String describe() {
            return topic + ": field " + field + " breaks backward compatibility with released v" + releasedVersion
                    + " (" + kind + (detail == null || detail.isBlank() ? "" : ": " + detail) + ")";
        }
    }

    private BackwardCompatibility() {
    }

    /**
     * @param released versions in order, v1 first
     */
    public static List<Violation> check(final String topic, final Schema current, final List<Schema> released) {
        final List<Violation> violations = new ArrayList<>();
        for (int v = 0; v < released.size(); v++) {
            final Schema writer = released.get(v);
            final var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getResult();
            if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                continue;
            }
            final int version = v + 1;
            final List<Problem> problems = new ArrayList<>();
            locate(current, writer, current.getName(), problems);
            if (problems.isEmpty()) {
                // Avro found something our walk did not: report Avro's own words and location.
                result.getIncompatibilities().forEach(i -> problems.add(
                        new Problem(current.getName() + " at " + i.getLocation(), i.getType().name(), i.getMessage())));
            }
            problems.forEach(p -> violations.add(new Violation(topic, version, p.field, p.kind, p.detail)));
        }
        return violations;
    }

    private record Problem(String field, String kind, String detail) {
    }

    /**
     * Walks reader and writer side by side by name (records by field, unions by branch name) down to
     * the smallest part Avro says is incompatible, so the problem is reported at a field.
     */
    private static void locate(final Schema reader, final Schema writer, final String path, final List<Problem> out) {
        if (SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        if (writer.getType() == Schema.Type.UNION) {
            for (final Schema branch : writer.getTypes()) {
                final Schema match = reader.getType() == Schema.Type.UNION ? sameBranch(reader, branch) : reader;
                final String at = branch.getType() == Schema.Type.NULL ? path : path + "<" + branchName(branch) + ">";
                if (match == null) {
                    out.add(new Problem(at, "MISSING_UNION_BRANCH", "the reader no longer accepts " + branchName(branch)));
                } else {
                    locate(match, branch, at, out);
                }
            }
            return;
        }
        if (reader.getType() == Schema.Type.UNION) {
            final Schema match = sameBranch(reader, writer);
            if (match != null) {
                locate(match, writer, path, out);
                return;
            }
        }
        if (reader.getType() == Schema.Type.RECORD && writer.getType() == Schema.Type.RECORD
                && reader.getFullName().equals(writer.getFullName())) {
            for (final Schema.Field field : reader.getFields()) {
                final Schema.Field written = writer.getField(field.name());
                if (written == null) {
                    if (!field.hasDefaultValue()) {
                        out.add(new Problem(path + "." + field.name(), "READER_FIELD_MISSING_DEFAULT_VALUE",
                                "new field without a default: records written before it cannot be read"));
                    }
                } else {
                    locate(field.schema(), written.schema(), path + "." + field.name(), out);
                }
            }
            return;
        }
        if (reader.getType() == Schema.Type.ARRAY && writer.getType() == Schema.Type.ARRAY) {
            locate(reader.getElementType(), writer.getElementType(), path + "[]", out);
            return;
        }
        if (reader.getType() == Schema.Type.MAP && writer.getType() == Schema.Type.MAP) {
            locate(reader.getValueType(), writer.getValueType(), path + "{}", out);
            return;
        }
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()
                .forEach(i -> out.add(new Problem(path, i.getType().name(), i.getMessage())));
    }

    private static Schema sameBranch(final Schema union, final Schema branch) {
        for (final Schema candidate : union.getTypes()) {
            final boolean named = switch (branch.getType()) {
                case RECORD, ENUM, FIXED -> true;
                default -> false;
            };
            if (candidate.getType() == branch.getType()
                    && (!named || candidate.getFullName().equals(branch.getFullName()))) {
                return candidate;
            }
        }
        return null;
    }

    private static String branchName(final Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getName();
            default -> branch.getType().getName();
        };
    }
}
