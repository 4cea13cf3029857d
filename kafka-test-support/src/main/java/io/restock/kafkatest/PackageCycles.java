package io.restock.kafkatest;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The check behind every module's {@code PackageCyclesTest}: the packages of a module's main code import
 * each other one way only. Each package (not each package tree) is one slice, so a class in a parent
 * package that uses a sub-package which uses it back is a cycle too. Test classes are left out, and so
 * are the classes Micronaut generates beside a bean (simple names starting with {@code $}): they only
 * repeat the dependencies of the bean they describe.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /**
     * Fails, naming every cycle, if two packages under {@code rootPackage} (itself included) depend on
     * each other, directly or through others.
     */
    public static void assertNoCycleUnder(final String rootPackage) {
        // Only the module's own classes matter; resolving every library class they touch costs seconds.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        final JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/$"))
                .importPackages(rootPackage);
        slices().assignedFrom(byPackageUnder(rootPackage))
                .should().beFreeOfCycles()
                .because("packages should read as a one-way flow")
                .check(classes);
    }

    private static SliceAssignment byPackageUnder(final String rootPackage) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(final JavaClass javaClass) {
                final String name = javaClass.getPackageName();
                final boolean inside = name.equals(rootPackage) || name.startsWith(rootPackage + ".");
                return inside && !javaClass.getSimpleName().startsWith("$")
                        ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + rootPackage;
            }
        };
    }
}
