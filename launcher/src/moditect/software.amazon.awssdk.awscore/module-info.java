/**
 * software.amazon.awssdk:aws-core 2.59.1 (automatic module "software.amazon.awssdk.awscore"):
 * jdeps --generate-module-info, made open because the SDK reads resources and reflects on classes
 * in its own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so
 * that jlink can link it.
 */
open module software.amazon.awssdk.awscore {
    requires software.amazon.awssdk.eventstream;
    requires software.amazon.awssdk.http.auth;
    requires software.amazon.awssdk.utilslite;

    requires transitive org.reactivestreams;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.endpoints;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.metrics;
    requires transitive software.amazon.awssdk.profiles;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.retries;
    requires transitive software.amazon.awssdk.retries.api;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.awscore;
    exports software.amazon.awssdk.awscore.auth;
    exports software.amazon.awssdk.awscore.client.builder;
    exports software.amazon.awssdk.awscore.client.config;
    exports software.amazon.awssdk.awscore.client.handler;
    exports software.amazon.awssdk.awscore.defaultsmode;
    exports software.amazon.awssdk.awscore.endpoint;
    exports software.amazon.awssdk.awscore.endpoints;
    exports software.amazon.awssdk.awscore.endpoints.authscheme;
    exports software.amazon.awssdk.awscore.eventstream;
    exports software.amazon.awssdk.awscore.exception;
    exports software.amazon.awssdk.awscore.interceptor;
    exports software.amazon.awssdk.awscore.internal;
    exports software.amazon.awssdk.awscore.internal.auth;
    exports software.amazon.awssdk.awscore.internal.authcontext;
    exports software.amazon.awssdk.awscore.internal.client.config;
    exports software.amazon.awssdk.awscore.internal.defaultsmode;
    exports software.amazon.awssdk.awscore.internal.identity;
    exports software.amazon.awssdk.awscore.internal.interceptor;
    exports software.amazon.awssdk.awscore.internal.token;
    exports software.amazon.awssdk.awscore.internal.useragent;
    exports software.amazon.awssdk.awscore.presigner;
    exports software.amazon.awssdk.awscore.retry;
    exports software.amazon.awssdk.awscore.retry.conditions;
    exports software.amazon.awssdk.awscore.util;

}
