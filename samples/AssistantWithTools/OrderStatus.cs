namespace AssistantWithTools;

/// <summary>What <see cref="OrderBook.GetOrderStatus"/> returns to the model (serialized as JSON).</summary>
public sealed record OrderStatus(string OrderId, string Status, string Items, string Note);
