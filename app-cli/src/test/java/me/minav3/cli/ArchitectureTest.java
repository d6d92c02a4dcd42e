package me.minav3.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import me.minav3.mma.assets.PublicBaseUrl;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.generation.GenerationDocumentCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md §1, checked on the compiled product (not on tests). */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Shared test fixtures arrive as -tests.jar files in the reactor; they are not product code.
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("me.minav3");
    }

    @Test
    void theCoreDependsOnNothingButTheJdkAndSlf4j() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("me.minav3.mma..")
                .should()
                .onlyDependOnClassesThat()
                // javax.crypto is the JDK's HMAC (login codes, Shopify webhook signatures); org.jspecify is the
                // nullness annotations NullAway reads (decision 024), no code.
                .resideInAnyPackage(
                        "me.minav3.mma..",
                        "java..",
                        "javax.annotation..",
                        "javax.crypto..",
                        "org.slf4j..",
                        "org.jspecify.annotations..")
                .because(
                        "mma-core is the pure domain: no Jdbi, JDBC, Javalin, picocli, AWS SDK, Jackson or HTTP client");
        rule.check(product);
    }

    @Test
    void theCoreUsesNoJdkNetworkingOrSql() {
        noClasses()
                .that()
                .resideInAPackage("me.minav3.mma..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..", "java.sql..", "javax.sql..")
                .because("I/O belongs to adapters behind ports")
                .check(product);
    }

    @Test
    void adaptersNeverDependOnEachOtherOrOnApps() {
        String[] adapters = {
            "me.minav3.adapters.postgres..", "me.minav3.adapters.r2..", "me.minav3.adapters.providers.."
        };
        for (String adapter : adapters) {
            java.util.List<String> others = new java.util.ArrayList<>(java.util.List.of(adapters));
            others.remove(adapter);
            others.add("me.minav3.bootstrap..");
            others.add("me.minav3.http..");
            others.add("me.minav3.cli..");
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(product);
        }
    }

    @Test
    void adaptersUseTheCoresPortsAndValuesButNoUseCase() {
        classes()
                .that()
                .resideInAPackage("me.minav3.adapters..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("me.minav3.mma..")
                        .or(resideInAnyPackage("me.minav3.mma.common..", "me.minav3.mma.error.."))
                        .or(PORTS_AND_VALUES)
                        // Plain codecs and constants that live beside the use cases of their feature.
                        .or(belongToAnyOf(
                                GenerationDocumentCodec.class,
                                PublicBaseUrl.class,
                                ConfigKeys.class,
                                DefaultConfig.class)))
                .because(
                        "an adapter implements a port; it never calls a use case (credits, submit, engine, studio, shopify...)")
                .check(product);
    }

    /** A port is an interface; a value is a record or an enum (nested ones included); a use case is neither. */
    private static final DescribedPredicate<JavaClass> PORTS_AND_VALUES = DescribedPredicate.describe(
            "a port (interface), a record or an enum of mma-core",
            c -> c.isInterface()
                    || c.isRecord()
                    || c.isEnum()
                    || c.getEnclosingClass()
                            .map(e -> e.isInterface() || e.isRecord())
                            .orElse(false));

    @Test
    void theCommonPackageHoldsOnlySharedValues() {
        classes()
                .that()
                .resideInAPackage("me.minav3.mma.common..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("me.minav3.mma..")
                        .or(resideInAnyPackage("me.minav3.mma.common..", "me.minav3.mma.error..")))
                .because(
                        "feature packages (credits, submit, engine, providers, ...) build on the shared values, never the reverse")
                .check(product);
    }

    @Test
    void theAppsCallUseCasesAndNeverAnAdapter() {
        noClasses()
                .that()
                .resideInAnyPackage("me.minav3.http..", "me.minav3.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("me.minav3.adapters..")
                .because("routes and commands get use cases from the composition root (me.minav3.bootstrap), "
                        + "the one place that knows adapters")
                .check(product);
    }

    @Test
    void theHttpAppDoesNotDependOnTheCli() {
        noClasses()
                .that()
                .resideInAnyPackage("me.minav3.http..", "me.minav3.bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("me.minav3.cli..")
                .check(product);
    }

    @Test
    void nothingOutsideTheCliWritesToStandardStreams() {
        noClasses()
                .that()
                .resideOutsideOfPackage("me.minav3.cli..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("logs go through slf4j; only the CLI talks to the terminal")
                .check(product);
    }

    @Test
    void thereAreNoPackageCycles() {
        slices().matching("me.minav3.(**)").should().beFreeOfCycles().check(product);
    }
}
