package dropvault.transport.archfixture;

/** With CycleA, breaks MODULES_ARE_FREE_OF_CYCLES. */
public class CycleB {
    dropvault.protocol.archfixture.CycleA a;
}
