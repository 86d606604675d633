package bare;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of bench/api-read.sh: a bare Spring Boot web application (the same Spring Boot, Tomcat,
 * Jackson and HikariCP as LexVault, nothing else) whose one endpoint runs {@code SELECT 1} through the
 * pool and answers a small JSON object. No security, no tenant context, no transaction. Started with
 * the same JVM options as the measured server; its settings come from the command line only
 * ({@code spring.config.name} keeps LexVault's own application properties on the class path out).
 * Outside the {@code io.lexvault} packages on purpose: the bench profile compiles it into the test
 * classes, and LexVault's component scan (tests included) must never find a second application.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
            "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration",
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration"
        })
@RestController
public class BareSelectOneApp {

    private final JdbcClient jdbc;

    BareSelectOneApp(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/bare")
    Map<String, Integer> selectOne() {
        return Map.of("one", jdbc.sql("SELECT 1").query(Integer.class).single());
    }

    /** Arguments: --server.port=... --spring.datasource.url=... --spring.datasource.username=... */
    public static void main(String[] args) {
        var app = new SpringApplication(BareSelectOneApp.class);
        app.setDefaultProperties(Map.of("spring.config.name", "bare-select-one", "spring.main.banner-mode", "off"));
        app.run(args);
    }
}
