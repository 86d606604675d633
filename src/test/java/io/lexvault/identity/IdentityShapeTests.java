package io.lexvault.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * Identity's feature packages (sign-in, MFA, API keys, SSO, onboarding, password resets, account)
 * stay closed: a type in one is public only because another package needs it. Other modules are kept
 * out of them by {@code ModularityTests}; this keeps the module's own packages from growing public
 * types "just in case". Tests count as users: a test of one feature may drive another's service.
 */
class IdentityShapeTests {

    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages("io.lexvault");

    @Test
    void featurePackageTypesArePublicOnlyWhenAnotherPackageUsesThem() {
        classes()
                .that()
                .resideInAPackage("io.lexvault.identity..")
                .and()
                .resideOutsideOfPackage("io.lexvault.identity")
                .and()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should(beUsedFromAnotherPackage())
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean usedElsewhere = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!usedElsewhere) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public, but only its own package uses it"));
                }
            }
        };
    }
}
