package io.rio.sample.it.secured;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/**
 * Test deployment only: HTTP Basic authentication (Jakarta Security) with three users, password {@value #PASSWORD}:
 * {@code operator} in group {@code rio-admin} (Rio's admin API), {@code clerk} in group {@code clerk} and
 * {@code visitor} in group {@code visitors}. Payara maps the groups to roles of the same name in
 * {@code glassfish-web.xml}; WildFly (with {@code integrated-jaspi=false}) takes them as roles.
 */
@BasicAuthenticationMechanismDefinition(realmName = "rio")
@ApplicationScoped
public class Users implements IdentityStore {
    public static final String PASSWORD = "s3cret";

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "operator", Set.of("rio-admin"),
            "clerk", Set.of("clerk"),
            "visitor", Set.of("visitors"));

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && GROUPS.containsKey(c.getCaller())
                && c.compareTo(c.getCaller(), PASSWORD)) {
            return new CredentialValidationResult(c.getCaller(), GROUPS.get(c.getCaller()));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
