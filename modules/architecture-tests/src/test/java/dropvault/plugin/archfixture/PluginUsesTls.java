package dropvault.plugin.archfixture;

/** Breaks ONLY_LISTENERS_CLIENTS_AND_TOOLS_USE_TLS: a handler plugin that looks at the TLS layer. */
public class PluginUsesTls {
    dropvault.tls.ServerTrust trust;
}
