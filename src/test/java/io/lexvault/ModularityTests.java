package io.lexvault;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.lexvault.web.PublicEndpoint;
import io.lexvault.web.Refusal;
import io.lexvault.web.RequiresPermission;
import io.lexvault.web.SignedInEndpoint;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Module boundaries (Spring Modulith) plus the rules Modulith cannot express (ArchUnit). */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(LexVaultApplication.class);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lexvault");
    private static final Pattern MODULE = Pattern.compile("io\\.lexvault\\.([a-z]+)\\..*");

    /** The only classes outside a {@code @Repository} that may run SQL, each with the reason. */
    private static final Set<String> SQL_OUTSIDE_REPOSITORIES = Set.of(
            // tenancy's isolation check stays: it reads PostgreSQL's catalogue (pg_class, pg_policy,
            // pg_roles), not a module's tables, over whichever connection it is given (the start-up
            // check uses the runtime role's, the isolation tests an administrator's).
            "io.lexvault.tenancy.internal.IsolationCatalogue", "io.lexvault.tenancy.internal.IsolationSelfCheck");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void everyArchitectureModuleExists() {
        org.assertj.core.api.Assertions.assertThat(
                        MODULES.stream().map(module -> module.getIdentifier().toString()))
                .contains(
                        "tenancy",
                        "identity",
                        "access",
                        "matters",
                        "documents",
                        "crypto",
                        "search",
                        "assistant",
                        "audit",
                        "privacy",
                        "database",
                        "cli",
                        "demo",
                        "web");
    }

    @Test
    void repositoriesAreNotPublic() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                // A table several feature packages of one module share (identity's users) has its repository
                // in the module's internal package: public for Java, still closed to other modules, which
                // modulesRespectTheirBoundaries verifies.
                .and()
                .resideOutsideOfPackage("io.lexvault.*.internal")
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .because("a module's tables are reached through its facade, never through its repository")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void webTypesAreNotUsedOutsideTheirModule() {
        classes()
                .that()
                .resideInAPackage("io.lexvault.*.web..")
                .should(onlyBeAccessedFromTheirOwnModule())
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void everyHandlerDeclaresWhatItNeeds() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Controller.class)
                .or()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(RestController.class)
                .and()
                .areMetaAnnotatedWith(RequestMapping.class)
                .should()
                .beAnnotatedWith(PublicEndpoint.class)
                .orShould()
                .beAnnotatedWith(SignedInEndpoint.class)
                .orShould()
                .beAnnotatedWith(RequiresPermission.class)
                .because("nothing may become reachable by omission: every handler names the permission it needs"
                        + " or says why it is public")
                .check(CLASSES);
    }

    /**
     * One error mapping: a module answers a request it refuses by throwing a {@link Refusal}, and the
     * edge alone turns it into a status, problem details or the error page. The only handlers outside
     * it are the documents API's for its own failures (store unreachable, content not verified),
     * which are not refusals of what the caller sent.
     */
    @Test
    void exceptionsAreMappedToAnswersInOnePlace() {
        methods()
                .that()
                .areAnnotatedWith(ExceptionHandler.class)
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage("io.lexvault.web.internal")
                .orShould()
                .beDeclaredIn("io.lexvault.documents.web.DocumentsApi")
                .because("a refusal is answered the same way by every controller; see Refusal and RequestErrors")
                .check(CLASSES);
    }

    /** Every exception named as a refusal or a thing not found is a {@link Refusal}, so the edge maps it. */
    @Test
    void refusalsAreOneType() {
        classes()
                .that()
                .haveSimpleNameEndingWith("RefusedException")
                .or()
                .haveSimpleNameEndingWith("NotFoundException")
                .or()
                .haveSimpleNameEndingWith("NotVisibleException")
                .should()
                .beAssignableTo(Refusal.class)
                .check(CLASSES);
    }

    @Test
    void onlyRepositoriesRunSql() {
        noClasses()
                .that()
                .areNotAnnotatedWith(Repository.class)
                .and(describe(
                        "are not listed as still holding SQL",
                        type -> !SQL_OUTSIDE_REPOSITORIES.contains(
                                type.getName().replaceAll("\\$.*", ""))))
                .should()
                .callMethodWhere(target(owner(assignableTo(JdbcClient.class)))
                        .or(target(owner(assignableTo(JdbcOperations.class)))))
                .because("a module's SQL lives in its package-private @Repository classes, where a reader looks for it")
                .check(CLASSES);
    }

    @Test
    void schedulingIsSwitchedOnOnceOnTheApplication() {
        classes()
                .that()
                .areAnnotatedWith(EnableScheduling.class)
                .should()
                .haveFullyQualifiedName(LexVaultApplication.class.getName())
                .because("one switch for every module's @Scheduled jobs, where a reader looks for it")
                .check(CLASSES);
    }

    @Test
    void publicUrlIsReadThroughItsProperties() {
        List<String> readers = CLASSES.stream()
                .flatMap(type -> Stream.concat(
                        Stream.concat(
                                type.getConstructors().stream()
                                        .flatMap(constructor -> constructor.getParameters().stream())
                                        .flatMap(parameter -> parameter.getAnnotations().stream()),
                                type.getMethods().stream()
                                        .flatMap(method -> method.getParameters().stream())
                                        .flatMap(parameter -> parameter.getAnnotations().stream())),
                        type.getFields().stream().flatMap(field -> field.getAnnotations().stream())))
                .filter(annotation -> annotation.getRawType().isEquivalentTo(Value.class))
                .filter(annotation ->
                        String.valueOf(annotation.get("value").orElse("")).contains("lexvault.public-url"))
                .map(annotation -> annotation.getOwner().getDescription())
                .toList();
        org.assertj.core.api.Assertions.assertThat(readers)
                .as("lexvault.public-url is bound once, by io.lexvault.web.PublicAddress")
                .isEmpty();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnModule() {
        return new ArchCondition<>("only be accessed from their own module") {
            @Override
            public void check(JavaClass webType, ConditionEvents events) {
                String owner = moduleOf(webType);
                webType.getAccessesToSelf().forEach(access -> {
                    String caller = moduleOf(access.getOriginOwner());
                    if (!owner.equals(caller)) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                });
            }
        };
    }

    private static String moduleOf(JavaClass type) {
        var matcher = MODULE.matcher(type.getPackageName() + ".");
        return matcher.matches() ? matcher.group(1) : "";
    }
}
