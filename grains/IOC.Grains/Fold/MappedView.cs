using System.Collections;

namespace IOC.Grains.Fold;

/// <summary>
/// A read-only list whose items are made from the source's as they are read: the fold keeps compact structs on its
/// hot path and makes the records other code reads (the history writer, the grain's reads) only when they read them.
/// </summary>
internal sealed class MappedList<TSource, TItem>(List<TSource> source, Func<TSource, TItem> map) : IReadOnlyList<TItem>
{
    public int Count => source.Count;

    public TItem this[int index] => map(source[index]);

    public IEnumerator<TItem> GetEnumerator()
    {
        foreach (var item in source)
        {
            yield return map(item);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The values of a dictionary, each made into the record readers expect as it is read.</summary>
internal sealed class MappedValues<TKey, TValue, TItem>(Dictionary<TKey, TValue> source, Func<TKey, TValue, TItem> map) : IReadOnlyCollection<TItem>
    where TKey : notnull
{
    public int Count => source.Count;

    public IEnumerator<TItem> GetEnumerator()
    {
        foreach (var (key, value) in source)
        {
            yield return map(key, value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
