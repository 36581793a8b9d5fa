package io.rio.sample.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Test deployment only: HTTP Basic authentication (Jakarta Security) with one user, {@value #USER} /
 * {@value #PASSWORD}, in group {@code rio-admin}, which {@code WEB-INF/glassfish-web.xml} maps to the role
 * {@code rio-admin} that protects Rio's admin API; and {@value #VIEWER} (same password), authenticated but
 * without that group.
 */
@BasicAuthenticationMechanismDefinition(realmName = "rio-admin")
@ApplicationScoped
public class AdminSecurity implements IdentityStore {

    public static final String USER = "operator";
    public static final String PASSWORD = "s3cret";
    public static final String VIEWER = "viewer";

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && USER.equals(c.getCaller())
                && c.compareTo(USER, PASSWORD)) {
            return new CredentialValidationResult(USER, Set.of("rio-admin"));
        }
        if (credential instanceof UsernamePasswordCredential c && VIEWER.equals(c.getCaller())
                && c.compareTo(VIEWER, PASSWORD)) {
            return new CredentialValidationResult(VIEWER, Set.of("viewers"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
