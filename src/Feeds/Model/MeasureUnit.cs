namespace Gogobe.Feeds.Model;

/// <summary>Canonical unit a quantity is expressed in; <see cref="Unknown"/> when the free text could not be read.</summary>
public enum MeasureUnit
{
    Unknown,
    Gram,
    Kilogram,
    Millilitre,
    Litre,
    Unit,
}
