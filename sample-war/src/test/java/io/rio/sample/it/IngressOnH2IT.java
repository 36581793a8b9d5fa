package io.rio.sample.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingress contract on the plain sample WAR, unchanged: Rio on Payara Micro's embedded H2
 * default data source (java:comp/DefaultDataSource).
 */
@ExtendWith(ArquillianExtension.class)
class IngressOnH2IT extends IngressContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.sampleOnH2("sample-h2.war");
    }

    @ArquillianResource
    URL url;

    @Override
    Http http() {
        return new Http(url.getPort(), url.getPath());
    }
}
