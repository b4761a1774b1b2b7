package dropvault.protocol.archfixture;

/** With CycleB, breaks MODULES_ARE_FREE_OF_CYCLES. */
public class CycleA {
    dropvault.transport.archfixture.CycleB b;
}
