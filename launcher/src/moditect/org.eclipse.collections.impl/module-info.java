/**
 * Eclipse Collections 10.4.0 (Automatic-Module-Name org.eclipse.collections.impl).
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module org.eclipse.collections.impl {
    requires jdk.unsupported;

    requires transitive org.eclipse.collections.api;

    exports org.eclipse.collections.impl;
    exports org.eclipse.collections.impl.bag;
    exports org.eclipse.collections.impl.bag.immutable;
    exports org.eclipse.collections.impl.bag.immutable.primitive;
    exports org.eclipse.collections.impl.bag.mutable;
    exports org.eclipse.collections.impl.bag.mutable.primitive;
    exports org.eclipse.collections.impl.bag.sorted.immutable;
    exports org.eclipse.collections.impl.bag.sorted.mutable;
    exports org.eclipse.collections.impl.bag.strategy.mutable;
    exports org.eclipse.collections.impl.bimap;
    exports org.eclipse.collections.impl.bimap.immutable;
    exports org.eclipse.collections.impl.bimap.mutable;
    exports org.eclipse.collections.impl.block.comparator;
    exports org.eclipse.collections.impl.block.comparator.primitive;
    exports org.eclipse.collections.impl.block.factory;
    exports org.eclipse.collections.impl.block.factory.primitive;
    exports org.eclipse.collections.impl.block.function;
    exports org.eclipse.collections.impl.block.function.checked;
    exports org.eclipse.collections.impl.block.function.primitive;
    exports org.eclipse.collections.impl.block.predicate;
    exports org.eclipse.collections.impl.block.predicate.checked;
    exports org.eclipse.collections.impl.block.predicate.primitive;
    exports org.eclipse.collections.impl.block.procedure;
    exports org.eclipse.collections.impl.block.procedure.checked;
    exports org.eclipse.collections.impl.block.procedure.checked.primitive;
    exports org.eclipse.collections.impl.block.procedure.primitive;
    exports org.eclipse.collections.impl.collection;
    exports org.eclipse.collections.impl.collection.immutable;
    exports org.eclipse.collections.impl.collection.mutable;
    exports org.eclipse.collections.impl.collection.mutable.primitive;
    exports org.eclipse.collections.impl.collector;
    exports org.eclipse.collections.impl.factory;
    exports org.eclipse.collections.impl.factory.primitive;
    exports org.eclipse.collections.impl.iterator;
    exports org.eclipse.collections.impl.lazy;
    exports org.eclipse.collections.impl.lazy.iterator;
    exports org.eclipse.collections.impl.lazy.parallel;
    exports org.eclipse.collections.impl.lazy.parallel.bag;
    exports org.eclipse.collections.impl.lazy.parallel.list;
    exports org.eclipse.collections.impl.lazy.parallel.set;
    exports org.eclipse.collections.impl.lazy.parallel.set.sorted;
    exports org.eclipse.collections.impl.lazy.primitive;
    exports org.eclipse.collections.impl.list;
    exports org.eclipse.collections.impl.list.fixed;
    exports org.eclipse.collections.impl.list.immutable;
    exports org.eclipse.collections.impl.list.immutable.primitive;
    exports org.eclipse.collections.impl.list.mutable;
    exports org.eclipse.collections.impl.list.mutable.primitive;
    exports org.eclipse.collections.impl.list.primitive;
    exports org.eclipse.collections.impl.map;
    exports org.eclipse.collections.impl.map.fixed;
    exports org.eclipse.collections.impl.map.immutable;
    exports org.eclipse.collections.impl.map.immutable.primitive;
    exports org.eclipse.collections.impl.map.mutable;
    exports org.eclipse.collections.impl.map.mutable.primitive;
    exports org.eclipse.collections.impl.map.ordered.mutable;
    exports org.eclipse.collections.impl.map.primitive;
    exports org.eclipse.collections.impl.map.sorted.immutable;
    exports org.eclipse.collections.impl.map.sorted.mutable;
    exports org.eclipse.collections.impl.map.strategy.immutable;
    exports org.eclipse.collections.impl.map.strategy.mutable;
    exports org.eclipse.collections.impl.multimap;
    exports org.eclipse.collections.impl.multimap.bag;
    exports org.eclipse.collections.impl.multimap.bag.sorted;
    exports org.eclipse.collections.impl.multimap.bag.sorted.immutable;
    exports org.eclipse.collections.impl.multimap.bag.sorted.mutable;
    exports org.eclipse.collections.impl.multimap.bag.strategy;
    exports org.eclipse.collections.impl.multimap.list;
    exports org.eclipse.collections.impl.multimap.set;
    exports org.eclipse.collections.impl.multimap.set.sorted;
    exports org.eclipse.collections.impl.multimap.set.strategy;
    exports org.eclipse.collections.impl.parallel;
    exports org.eclipse.collections.impl.partition.bag;
    exports org.eclipse.collections.impl.partition.bag.sorted;
    exports org.eclipse.collections.impl.partition.list;
    exports org.eclipse.collections.impl.partition.set;
    exports org.eclipse.collections.impl.partition.set.sorted;
    exports org.eclipse.collections.impl.partition.set.strategy;
    exports org.eclipse.collections.impl.partition.stack;
    exports org.eclipse.collections.impl.primitive;
    exports org.eclipse.collections.impl.set;
    exports org.eclipse.collections.impl.set.fixed;
    exports org.eclipse.collections.impl.set.immutable;
    exports org.eclipse.collections.impl.set.immutable.primitive;
    exports org.eclipse.collections.impl.set.mutable;
    exports org.eclipse.collections.impl.set.mutable.primitive;
    exports org.eclipse.collections.impl.set.primitive;
    exports org.eclipse.collections.impl.set.sorted.immutable;
    exports org.eclipse.collections.impl.set.sorted.mutable;
    exports org.eclipse.collections.impl.set.strategy.immutable;
    exports org.eclipse.collections.impl.set.strategy.mutable;
    exports org.eclipse.collections.impl.stack.immutable;
    exports org.eclipse.collections.impl.stack.immutable.primitive;
    exports org.eclipse.collections.impl.stack.mutable;
    exports org.eclipse.collections.impl.stack.mutable.primitive;
    exports org.eclipse.collections.impl.stack.primitive;
    exports org.eclipse.collections.impl.stream;
    exports org.eclipse.collections.impl.stream.primitive;
    exports org.eclipse.collections.impl.string.immutable;
    exports org.eclipse.collections.impl.tuple;
    exports org.eclipse.collections.impl.tuple.primitive;
    exports org.eclipse.collections.impl.utility;
    exports org.eclipse.collections.impl.utility.internal;
    exports org.eclipse.collections.impl.utility.internal.primitive;
    exports org.eclipse.collections.impl.utility.primitive;

    provides org.eclipse.collections.api.factory.bag.ImmutableBagFactory with
        org.eclipse.collections.impl.bag.immutable.ImmutableBagFactoryImpl;
    provides org.eclipse.collections.api.factory.bag.MutableBagFactory with
        org.eclipse.collections.impl.bag.mutable.MutableBagFactoryImpl;
    provides org.eclipse.collections.api.factory.bag.sorted.ImmutableSortedBagFactory with
        org.eclipse.collections.impl.bag.sorted.immutable.ImmutableSortedBagFactoryImpl;
    provides org.eclipse.collections.api.factory.bag.sorted.MutableSortedBagFactory with
        org.eclipse.collections.impl.bag.sorted.mutable.MutableSortedBagFactoryImpl;
    provides org.eclipse.collections.api.factory.bimap.ImmutableBiMapFactory with
        org.eclipse.collections.impl.bimap.immutable.ImmutableBiMapFactoryImpl;
    provides org.eclipse.collections.api.factory.bimap.MutableBiMapFactory with
        org.eclipse.collections.impl.bimap.mutable.MutableBiMapFactoryImpl;
    provides org.eclipse.collections.api.factory.list.FixedSizeListFactory with
        org.eclipse.collections.impl.list.fixed.FixedSizeListFactoryImpl;
    provides org.eclipse.collections.api.factory.list.ImmutableListFactory with
        org.eclipse.collections.impl.list.immutable.ImmutableListFactoryImpl;
    provides org.eclipse.collections.api.factory.list.MutableListFactory with
        org.eclipse.collections.impl.list.mutable.MutableListFactoryImpl;
    provides org.eclipse.collections.api.factory.map.FixedSizeMapFactory with
        org.eclipse.collections.impl.map.fixed.FixedSizeMapFactoryImpl;
    provides org.eclipse.collections.api.factory.map.ImmutableMapFactory with
        org.eclipse.collections.impl.map.immutable.ImmutableMapFactoryImpl;
    provides org.eclipse.collections.api.factory.map.MutableMapFactory with
        org.eclipse.collections.impl.map.mutable.MutableMapFactoryImpl;
    provides org.eclipse.collections.api.factory.map.sorted.ImmutableSortedMapFactory with
        org.eclipse.collections.impl.map.sorted.immutable.ImmutableSortedMapFactoryImpl;
    provides org.eclipse.collections.api.factory.map.sorted.MutableSortedMapFactory with
        org.eclipse.collections.impl.map.sorted.mutable.MutableSortedMapFactoryImpl;
    provides org.eclipse.collections.api.factory.set.FixedSizeSetFactory with
        org.eclipse.collections.impl.set.fixed.FixedSizeSetFactoryImpl;
    provides org.eclipse.collections.api.factory.set.ImmutableSetFactory with
        org.eclipse.collections.impl.set.immutable.ImmutableSetFactoryImpl;
    provides org.eclipse.collections.api.factory.set.MutableSetFactory with
        org.eclipse.collections.impl.set.mutable.MutableSetFactoryImpl;
    provides org.eclipse.collections.api.factory.set.sorted.ImmutableSortedSetFactory with
        org.eclipse.collections.impl.set.sorted.immutable.ImmutableSortedSetFactoryImpl;
    provides org.eclipse.collections.api.factory.set.sorted.MutableSortedSetFactory with
        org.eclipse.collections.impl.set.sorted.mutable.MutableSortedSetFactoryImpl;
    provides org.eclipse.collections.api.factory.stack.ImmutableStackFactory with
        org.eclipse.collections.impl.stack.immutable.ImmutableStackFactoryImpl;
    provides org.eclipse.collections.api.factory.stack.MutableStackFactory with
        org.eclipse.collections.impl.stack.mutable.MutableStackFactoryImpl;
}
