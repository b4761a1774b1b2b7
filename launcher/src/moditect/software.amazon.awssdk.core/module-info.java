/**
 * software.amazon.awssdk:sdk-core 2.59.1 (automatic module "software.amazon.awssdk.core"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.core {
    requires software.amazon.awssdk.annotations;
    requires software.amazon.awssdk.http.auth.aws;

    requires transitive org.reactivestreams;
    requires transitive org.slf4j;
    requires transitive software.amazon.awssdk.checksums;
    requires transitive software.amazon.awssdk.checksums.spi;
    requires transitive software.amazon.awssdk.endpoints;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.metrics;
    requires transitive software.amazon.awssdk.profiles;
    requires transitive software.amazon.awssdk.retries;
    requires transitive software.amazon.awssdk.retries.api;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.core;
    exports software.amazon.awssdk.core.adapter;
    exports software.amazon.awssdk.core.async;
    exports software.amazon.awssdk.core.async.listener;
    exports software.amazon.awssdk.core.checksums;
    exports software.amazon.awssdk.core.client.builder;
    exports software.amazon.awssdk.core.client.config;
    exports software.amazon.awssdk.core.client.handler;
    exports software.amazon.awssdk.core.document;
    exports software.amazon.awssdk.core.document.internal;
    exports software.amazon.awssdk.core.endpoint;
    exports software.amazon.awssdk.core.endpointdiscovery;
    exports software.amazon.awssdk.core.endpointdiscovery.providers;
    exports software.amazon.awssdk.core.exception;
    exports software.amazon.awssdk.core.http;
    exports software.amazon.awssdk.core.http.auth;
    exports software.amazon.awssdk.core.identity;
    exports software.amazon.awssdk.core.interceptor;
    exports software.amazon.awssdk.core.interceptor.trait;
    exports software.amazon.awssdk.core.internal;
    exports software.amazon.awssdk.core.internal.async;
    exports software.amazon.awssdk.core.internal.capacity;
    exports software.amazon.awssdk.core.internal.checksums;
    exports software.amazon.awssdk.core.internal.chunked;
    exports software.amazon.awssdk.core.internal.compression;
    exports software.amazon.awssdk.core.internal.handler;
    exports software.amazon.awssdk.core.internal.http;
    exports software.amazon.awssdk.core.internal.http.async;
    exports software.amazon.awssdk.core.internal.http.loader;
    exports software.amazon.awssdk.core.internal.http.pipeline;
    exports software.amazon.awssdk.core.internal.http.pipeline.stages;
    exports software.amazon.awssdk.core.internal.http.pipeline.stages.utils;
    exports software.amazon.awssdk.core.internal.http.timers;
    exports software.amazon.awssdk.core.internal.interceptor;
    exports software.amazon.awssdk.core.internal.interceptor.trait;
    exports software.amazon.awssdk.core.internal.io;
    exports software.amazon.awssdk.core.internal.metrics;
    exports software.amazon.awssdk.core.internal.pagination.async;
    exports software.amazon.awssdk.core.internal.retry;
    exports software.amazon.awssdk.core.internal.signer;
    exports software.amazon.awssdk.core.internal.sync;
    exports software.amazon.awssdk.core.internal.transform;
    exports software.amazon.awssdk.core.internal.useragent;
    exports software.amazon.awssdk.core.internal.util;
    exports software.amazon.awssdk.core.internal.waiters;
    exports software.amazon.awssdk.core.internal.warmup;
    exports software.amazon.awssdk.core.io;
    exports software.amazon.awssdk.core.metrics;
    exports software.amazon.awssdk.core.pagination.async;
    exports software.amazon.awssdk.core.pagination.sync;
    exports software.amazon.awssdk.core.protocol;
    exports software.amazon.awssdk.core.retry;
    exports software.amazon.awssdk.core.retry.backoff;
    exports software.amazon.awssdk.core.retry.conditions;
    exports software.amazon.awssdk.core.runtime;
    exports software.amazon.awssdk.core.runtime.transform;
    exports software.amazon.awssdk.core.signer;
    exports software.amazon.awssdk.core.spi.identity;
    exports software.amazon.awssdk.core.sync;
    exports software.amazon.awssdk.core.traits;
    exports software.amazon.awssdk.core.useragent;
    exports software.amazon.awssdk.core.util;
    exports software.amazon.awssdk.core.waiters;
    exports software.amazon.awssdk.core.warmup;
    exports software.amazon.awssdk.core.warmup.http;

    // the SDK finds its HTTP clients and warm-up providers with ServiceLoader
    uses software.amazon.awssdk.http.SdkHttpService;
    uses software.amazon.awssdk.http.async.SdkAsyncHttpService;
    uses software.amazon.awssdk.core.warmup.SdkWarmUpProvider;
}
