/**
 * software.amazon.awssdk:s3 2.59.1 (automatic module "software.amazon.awssdk.services.s3"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.services.s3 {
    requires org.slf4j;
    requires software.amazon.awssdk.annotations;
    requires software.amazon.awssdk.checksums;
    requires software.amazon.awssdk.checksums.spi;
    requires software.amazon.awssdk.http.auth;
    requires software.amazon.awssdk.protocols.core;
    requires software.amazon.awssdk.retries.api;

    requires transitive org.reactivestreams;
    requires transitive software.amazon.awssdk.arns;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.awscore;
    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.crtcore;
    requires transitive software.amazon.awssdk.endpoints;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.http.auth.aws;
    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.metrics;
    requires transitive software.amazon.awssdk.profiles;
    requires transitive software.amazon.awssdk.protocols.jsoncore;
    requires transitive software.amazon.awssdk.protocols.xml;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.services.s3;
    exports software.amazon.awssdk.services.s3.auth.scheme;
    exports software.amazon.awssdk.services.s3.auth.scheme.internal;
    exports software.amazon.awssdk.services.s3.crt;
    exports software.amazon.awssdk.services.s3.endpoints;
    exports software.amazon.awssdk.services.s3.endpoints.authscheme;
    exports software.amazon.awssdk.services.s3.endpoints.internal;
    exports software.amazon.awssdk.services.s3.internal;
    exports software.amazon.awssdk.services.s3.internal.checksums;
    exports software.amazon.awssdk.services.s3.internal.client;
    exports software.amazon.awssdk.services.s3.internal.crossregion;
    exports software.amazon.awssdk.services.s3.internal.crossregion.endpointprovider;
    exports software.amazon.awssdk.services.s3.internal.crossregion.utils;
    exports software.amazon.awssdk.services.s3.internal.crt;
    exports software.amazon.awssdk.services.s3.internal.endpoints;
    exports software.amazon.awssdk.services.s3.internal.handlers;
    exports software.amazon.awssdk.services.s3.internal.multipart;
    exports software.amazon.awssdk.services.s3.internal.plugins;
    exports software.amazon.awssdk.services.s3.internal.presignedurl;
    exports software.amazon.awssdk.services.s3.internal.presignedurl.model;
    exports software.amazon.awssdk.services.s3.internal.resource;
    exports software.amazon.awssdk.services.s3.internal.s3express;
    exports software.amazon.awssdk.services.s3.internal.settingproviders;
    exports software.amazon.awssdk.services.s3.internal.signing;
    exports software.amazon.awssdk.services.s3.internal.warmup;
    exports software.amazon.awssdk.services.s3.jmespath.internal;
    exports software.amazon.awssdk.services.s3.model;
    exports software.amazon.awssdk.services.s3.model.selectobjectcontenteventstream;
    exports software.amazon.awssdk.services.s3.multipart;
    exports software.amazon.awssdk.services.s3.paginators;
    exports software.amazon.awssdk.services.s3.presignedurl;
    exports software.amazon.awssdk.services.s3.presignedurl.model;
    exports software.amazon.awssdk.services.s3.presigner;
    exports software.amazon.awssdk.services.s3.presigner.model;
    exports software.amazon.awssdk.services.s3.s3express;
    exports software.amazon.awssdk.services.s3.transform;
    exports software.amazon.awssdk.services.s3.waiters;
    exports software.amazon.awssdk.services.s3.waiters.internal;

    provides software.amazon.awssdk.core.warmup.SdkWarmUpProvider with
        software.amazon.awssdk.services.s3.internal.warmup.S3WarmUpProvider;

}
