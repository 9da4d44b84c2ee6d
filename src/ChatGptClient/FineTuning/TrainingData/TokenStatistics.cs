namespace ChatGpt.FineTuning.TrainingData;

/// <summary>Token counts of the examples of a file, counted with the model's tokenizer.</summary>
/// <param name="Min">The smallest example.</param>
/// <param name="Median">The median example.</param>
/// <param name="Max">The largest example.</param>
/// <param name="Total">All examples together (one epoch, before any example is cut to the context length).</param>
public readonly record struct TokenStatistics(int Min, double Median, int Max, long Total);
