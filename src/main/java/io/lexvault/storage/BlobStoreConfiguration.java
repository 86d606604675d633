package io.lexvault.storage;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one {@link BlobStore}, of the configured kind. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BlobStoreProperties.class)
class BlobStoreConfiguration {

    @Bean(destroyMethod = "close")
    BlobStore blobStore(BlobStoreProperties properties, @Value("${lexvault.data-dir:var}") String dataDirectory) {
        return switch (properties.kind()) {
            case FILESYSTEM ->
                new FilesystemBlobStore(
                        properties.path() != null ? properties.path() : Path.of(dataDirectory, "blobs"));
            case S3 -> new S3BlobStore(properties.s3());
        };
    }
}
