package io.lexvault.search;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Turns on asynchronous event listeners: the documents module's events are handled after their
 * transaction commits on a thread of their own ({@code @ApplicationModuleListener} is {@code @Async}),
 * so an upload returns without waiting for its text to be indexed. Concurrency of the work itself is
 * bounded in {@link SearchIndexing}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class SearchConfiguration {}
