package io.lexvault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.lexvault.web.PublicEndpoint;
import io.lexvault.web.RequiresPermission;
import io.lexvault.web.SignedInEndpoint;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Module boundaries (Spring Modulith) plus the rules Modulith cannot express (ArchUnit). */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(LexVaultApplication.class);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lexvault");
    private static final Pattern MODULE = Pattern.compile("io\\.lexvault\\.([a-z]+)\\..*");

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
