using System.ComponentModel;

namespace AssistantWithTools;

/// <summary>The shop's orders, from a local table: the first function the assistant can call.</summary>
public sealed class OrderBook
{
    private static readonly Dictionary<string, OrderStatus> s_orders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A-1001"] = new("A-1001", "shipped", "2 x espresso cups", "Arrives Thursday"),
        ["A-1002"] = new("A-1002", "processing", "1 x grinder", "Ships within 2 days"),
        ["A-1003"] = new("A-1003", "delivered", "1 x kettle", "Delivered Monday, left at the door"),
    };

    /// <summary>How many times the model called the function (shown at the end of the run).</summary>
    public int Calls { get; private set; }

    [Description("Gets the status of a customer's order by its id, e.g. A-1001.")]
    public OrderStatus GetOrderStatus([Description("The order id, e.g. A-1001")] string orderId)
    {
        Calls++;
        var id = orderId.Trim().TrimEnd('.', '?', '!');
        return s_orders.TryGetValue(id, out var order) ? order : new OrderStatus(id, "not found", "", "No order has this id.");
    }
}
