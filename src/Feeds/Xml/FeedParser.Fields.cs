using System.Xml;

namespace Gogobe.Feeds.Xml;

internal sealed partial class FeedParser
{
    /// <summary>Fields whose values repeat across a file's records (dates, flags, units, makers, amounts): read as shared strings.</summary>
    private static readonly bool[] Repeats = RepeatingFields(
        FeedField.PriceUpdateDate, FeedField.ItemType, FeedField.Manufacturer, FeedField.ManufactureCountry, FeedField.UnitQty,
        FeedField.Quantity, FeedField.UnitOfMeasure, FeedField.IsWeighted, FeedField.QtyInPackage, FeedField.ItemPrice,
        FeedField.UnitOfMeasurePrice, FeedField.AllowDiscount, FeedField.ItemStatus, FeedField.PromotionUpdateDate,
        FeedField.PromotionStartDate, FeedField.PromotionStartHour, FeedField.PromotionEndDate, FeedField.PromotionEndHour,
        FeedField.RewardType, FeedField.AllowMultipleDiscounts, FeedField.IsWeightedPromo, FeedField.MinQty, FeedField.MaxQty,
        FeedField.DiscountType, FeedField.IsGiftItem, FeedField.ClubId, FeedField.StoreType, FeedField.City);

    private static bool[] RepeatingFields(params FeedField[] fields)
    {
        var repeats = new bool[FieldNames.SlotCount];
        foreach (var field in fields)
        {
            repeats[(int)field] = true;
        }

        return repeats;
    }

    /// <summary>Reads the element the reader is on into <paramref name="target"/>, one slot per field, aliases folded.</summary>
    private void ReadFields(string?[] target, bool promotion)
    {
        Array.Clear(target);
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        var leaf = FeedField.None;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var field = reader.FieldOf(names);
                    if (promotion && OnPromotionChild(field))
                    {
                        leaf = FeedField.None;
                        continue;
                    }

                    leaf = field < FeedField.Count ? field : FeedField.None;
                    if (leaf != FeedField.None)
                    {
                        target[(int)leaf] = string.Empty;
                    }

                    if (reader.IsEmptyElement)
                    {
                        leaf = FeedField.None;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    if (leaf != FeedField.None)
                    {
                        ref var slot = ref target[(int)leaf];
                        slot = string.IsNullOrEmpty(slot) ? (Repeats[(int)leaf] ? reader.SharedValue : reader.Value) : slot + reader.Value;
                    }

                    break;
                case XmlNodeType.EndElement:
                    if (reader.Depth == depth)
                    {
                        return;
                    }

                    leaf = FeedField.None;
                    break;
            }
        }
    }

    /// <summary>The text of the element the reader is on, nested elements skipped; empty for an empty element.</summary>
    private string ReadText()
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? text = null;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text = text is null ? reader.Value : text + reader.Value;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                break;
            }
        }

        return text ?? string.Empty;
    }
}
