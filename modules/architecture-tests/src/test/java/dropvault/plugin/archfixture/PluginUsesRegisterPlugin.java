package dropvault.plugin.archfixture;

/** Breaks NO_PLUGIN_USES_ANOTHER_PLUGIN. */
public class PluginUsesRegisterPlugin {
    dropvault.plugin.register.RegisterHandler handler;
}
