package com.taskdesk.secrets;

import com.taskdesk.config.ColdStart;
import com.taskdesk.config.Environment;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads secret strings from AWS Secrets Manager with the SDK's client over the JDK's
 * HttpURLConnection. The client (and the credentials it caches) is made at the first read
 * and dropped by {@link #close()}, so a SnapStart snapshot holds neither.
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} points it elsewhere (the tests' stand-in).
 */
public final class SecretsManager implements AutoCloseable {

    static final String ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(ColdStart.SECRET_READ_SECONDS);

    private final Environment environment;
    private SecretsManagerClient client;

    public SecretsManager(Environment environment) {
        this.environment = environment;
    }

    /** The secret's SecretString; {@code variable} only names it in messages. */
    public String read(String variable, String secretId) {
        String what = variable + " (Secrets Manager secret '" + secretId + "')";
        try {
            String value = client().getSecretValue(request -> request.secretId(secretId))
                    .secretString();
            if (value == null || value.isEmpty()) {
                throw new SecretUnavailableException(what + " has no SecretString: store it as plain text");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(what + " does not exist");
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null
                    ? "status " + e.statusCode()
                    : e.awsErrorDetails().errorCode();
            throw new SecretUnavailableException(what + " could not be read: " + code);
        } catch (SdkClientException e) {
            throw new SecretUnavailableException(what + " could not be read: " + e.getMessage());
        }
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(READ_TIMEOUT)
                            .build())
                    .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
            String region = environment.value("AWS_REGION");
            if (region != null) {
                builder.region(Region.of(region));
            }
            String endpoint = environment.value(ENDPOINT);
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint));
            }
            client = builder.build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
