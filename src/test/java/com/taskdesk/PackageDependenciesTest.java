package com.taskdesk;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.BudgetTool;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the application, of its local run, of the budget tool, of the tools (benchmarks and
 * game day) and of the helpers the tests and tools share use each other only as their package-info.java
 * declares ({@link MayUse}), and in no cycle: read from the compiled classes, so a fully qualified name
 * counts as much as an import.
 */
class PackageDependenciesTest {

    private static final String ROOT = "com.taskdesk";
    /** Compiled among the tests (the local run's into target/classes only under quarkus:dev), known by their sources. */
    private static final List<Path> SOURCES_AMONG_THE_TESTS =
            List.of(Path.of("src", "budget", "java"), Path.of("src", "local", "java"), Path.of("src", "tools", "java"));

    /** The tests' helpers, which the tools use too: the one package of src/test/java held to its declaration. */
    private static final String TEST_HELPERS = ROOT + ".testing";

    /** The application's classes, its local run's, the budget tool's, the tools' and the tests' helpers. */
    private static final JavaClasses CLASSES = importClasses();

    private static JavaClasses importClasses() {
        Path application = classesOf(MayUse.class);
        Path testClasses = classesOf(BudgetTool.class);
        return new ClassFileImporter()
                .importPaths(application, testClasses.resolve(ROOT.replace('.', '/')))
                .that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "of the application, its local run, the budget tool, the tools or the tests' helpers",
                        javaClass -> isIn(javaClass, application)
                                || hasSourceAmongTheTests(javaClass)
                                || javaClass.getPackageName().equals(TEST_HELPERS)));
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIn(JavaClass javaClass, Path directory) {
        return javaClass
                .getSource()
                .map(source -> Path.of(source.getUri()).startsWith(directory))
                .orElse(false);
    }

    private static boolean hasSourceAmongTheTests(JavaClass javaClass) {
        String packagePath = javaClass.getPackageName().replace('.', '/');
        return javaClass
                .getSource()
                .flatMap(Source::getFileName)
                .map(file -> SOURCES_AMONG_THE_TESTS.stream()
                        .anyMatch(root -> Files.exists(root.resolve(packagePath).resolve(file))))
                .orElse(false);
    }

    /** Each package of ours, by its name under com.taskdesk, with the packages it declares it may use. */
    private static Map<String, Set<String>> declared() {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (String name : packageNames()) {
            MayUse mayUse = packageInfo(name).getAnnotation(MayUse.class);
            declared.put(name, mayUse == null ? null : new TreeSet<>(List.of(mayUse.value())));
        }
        return declared;
    }

    private static Set<String> packageNames() {
        Set<String> names = new TreeSet<>();
        for (JavaClass javaClass : CLASSES) {
            if (javaClass.getPackageName().startsWith(ROOT + ".")) {
                names.add(javaClass.getPackageName().substring(ROOT.length() + 1));
            }
        }
        return names;
    }

    private static Class<?> packageInfo(String name) {
        try {
            return Class.forName(ROOT + "." + name + ".package-info");
        } catch (ClassNotFoundException e) {
            return Object.class; // no package-info: no annotation
        }
    }

    @Test
    void everyPackageDeclaresWhichOfOurPackagesItMayUse() {
        Map<String, Set<String>> declared = declared();
        List<String> problems = new ArrayList<>();
        declared.forEach((name, uses) -> {
            if (uses == null) {
                problems.add(name + ": no @MayUse in its package-info.java");
            } else {
                uses.stream()
                        .filter(used -> !declared.containsKey(used))
                        .forEach(used -> problems.add(name + ": @MayUse names '" + used + "', not a package of ours"));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void eachPackageUsesOnlyThePackagesItDeclares() {
        List<String> violations = new ArrayList<>();
        declared().forEach((name, uses) -> {
            Stream<String> allowed = Stream.concat(
                    Stream.of(ROOT, ROOT + "." + name),
                    (uses == null ? Set.<String>of() : uses).stream().map(used -> ROOT + "." + used));
            EvaluationResult result = classes()
                    .that()
                    .resideInAPackage(ROOT + "." + name)
                    .should()
                    .onlyDependOnClassesThat(
                            resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(allowed.toArray(String[]::new))))
                    .allowEmptyShould(true)
                    .evaluate(CLASSES);
            violations.addAll(result.getFailureReport().getDetails());
        });
        assertEquals(
                List.of(),
                violations,
                "uses that a package-info.java does not declare:\n" + String.join("\n", violations));
    }

    @Test
    void noPackagesUseEachOtherInACycle() {
        // One slice per package (budget.config apart from budget.check), not per top-level package.
        EvaluationResult result =
                slices().matching(ROOT + ".(**)").should().beFreeOfCycles().evaluate(CLASSES);
        assertEquals(List.of(), result.getFailureReport().getDetails());
    }

    @Test
    void theDeclaredUsesFormLayersWithoutACycle() {
        Map<String, Set<String>> declared = new LinkedHashMap<>(declared());
        declared.values().removeIf(uses -> uses == null);
        // Peel off the packages that use none of those left, bottom layer first; a cycle is what never peels off.
        while (!declared.isEmpty()) {
            Set<String> bottom = new TreeSet<>();
            declared.forEach((name, uses) -> {
                if (uses.stream().noneMatch(declared::containsKey)) {
                    bottom.add(name);
                }
            });
            if (bottom.isEmpty()) {
                assertEquals(Map.of(), declared, "these packages declare uses of each other in a cycle");
            }
            declared.keySet().removeAll(bottom);
        }
    }
}
