package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.lexvault.LexVaultApplication;
import io.lexvault.access.roles.RoleRefusedException;
import io.lexvault.access.roles.UnknownRoleException;
import io.lexvault.access.roles.UnknownUserException;
import io.lexvault.access.walls.WallChangeRefusedException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The access module's API is its base package and holds what other modules use (CONVENTIONS.md §1):
 * a type added there is a deliberate widening of the API, and the role and wall features' own types
 * stay internal, so that {@code ModularityTests} fails when another module reaches for one.
 */
class AccessModuleApiTests {

    private static final ApplicationModule ACCESS = ApplicationModules.of(LexVaultApplication.class)
            .getModuleByName("access")
            .orElseThrow();

    @Test
    void basePackageExposesOnlyWhatOtherModulesUse() {
        var exposed = ACCESS.getNamedInterfaces()
                .getUnnamedInterface()
                .asJavaClasses()
                .filter(type -> type.getEnclosingClass().isEmpty())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());

        assertThat(exposed)
                .containsExactlyInAnyOrder(
                        // used by matters, documents, the demo and firm set-up
                        "BuiltInRole",
                        "Callers",
                        "ClientRef",
                        "EthicalWalls",
                        "GroupId",
                        "Groups",
                        "MatterAccess",
                        "MatterDirectory",
                        "MatterListing",
                        "MatterNotVisibleException",
                        "MatterRef",
                        "Member",
                        "MemberChoice",
                        // which permissions a page may offer (roles matrix, API key scopes)
                        "OfferedPermissions",
                        "Permission",
                        "Role",
                        "Teams",
                        "WallId");
    }

    @Test
    void rolesFeatureExposesOnlyItsServices() {
        var exposed = ACCESS.getNamedInterfaces()
                .getByName("roles")
                .orElseThrow()
                .asJavaClasses()
                .filter(type -> type.getEnclosingClass().isEmpty())
                .filter(type -> type.getPackageName().equals("io.lexvault.access.roles"))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());

        // The services are used by matters (role titles) and firm set-up (the first administrator);
        // Spring Modulith exposes with them the types of their public signatures (the acting
        // administrator and a custom role's draft), but not the roles feature's edge or repositories.
        assertThat(exposed).containsExactlyInAnyOrder("Roles", "RoleAssignments", "Caller", "RoleDraft");
    }

    @Test
    void roleAndWallAdministrationTypesAreInternal() {
        assertThat(ACCESS.isExposed(RoleRefusedException.class)).isFalse();
        assertThat(ACCESS.isExposed(UnknownRoleException.class)).isFalse();
        assertThat(ACCESS.isExposed(UnknownUserException.class)).isFalse();
        assertThat(ACCESS.isExposed(WallChangeRefusedException.class)).isFalse();
    }
}
