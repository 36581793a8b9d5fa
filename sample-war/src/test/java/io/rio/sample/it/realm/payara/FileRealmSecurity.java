package io.rio.sample.it.realm.payara;

import fish.payara.security.annotations.RealmIdentityStoreDefinition;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * Test deployment only: HTTP Basic (Jakarta Security) validated by Payara's own {@code file} realm, the users
 * created with {@code asadmin create-file-user}; {@code glassfish-web.xml} maps their groups to roles.
 */
@BasicAuthenticationMechanismDefinition(realmName = "file")
@RealmIdentityStoreDefinition("file")
@DeclareRoles({"rio-admin", "clerk", "visitors"})
@ApplicationScoped
public class FileRealmSecurity {
}
