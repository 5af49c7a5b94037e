using System.Globalization;

namespace Gogobe.Synthetic;

internal sealed partial class LayoutWriter
{
    /// <summary>Writes the chain's Stores file in its layout's shape; returns the number of stores.</summary>
    public int WriteStores(TextWriter writer, DateTime stamp)
    {
        var xml = new FeedXmlWriter(writer);
        Prolog(xml);
        var date = stamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = stamp.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        switch (Layout)
        {
            case 'B':
                xml.Declaration("UTF-8");
                xml.Open("asx:abap", "xmlns:asx=\"http://www.sap.com/abapxml\" version=\"1.0\"");
                xml.Open("asx:values");
                xml.Leaf("CHAINID", chain.ChainId);
                xml.Open("STORES");
                foreach (var s in chain.Stores)
                {
                    xml.Open("STORE");
                    xml.Leaf("SUBCHAINID", s.SubChain);
                    xml.Leaf("STOREID", s.Id);
                    xml.Leaf("BIKORETNO", 7);
                    xml.Leaf("STORETYPE", s.Type);
                    xml.Leaf("CHAINNAME", chain.Name);
                    xml.Leaf("SUBCHAINNAME", chain.Name);
                    xml.Leaf("STORENAME", s.Name);
                    xml.Leaf("ADDRESS", s.Address);
                    xml.Leaf("CITY", s.City);
                    xml.Leaf("ZIPCODE", s.ZipCode);
                    xml.Close("STORE");
                }

                xml.Close("STORES");
                xml.Leaf("LASTUPDATEDATE", date);
                xml.Close("asx:values");
                xml.Close("asx:abap");
                break;
            case 'D':
                xml.Open("Store", $"Date=\"{stamp.ToString("dd/MM/yy", CultureInfo.InvariantCulture)}\" Time=\"{time}\"");
                xml.Open("Branches");
                foreach (var s in chain.Stores)
                {
                    xml.Open("Branch");
                    xml.Leaf("ChainID", chain.ChainId);
                    xml.Leaf("SubChainID", "001");
                    xml.Leaf("StoreID", s.Id.ToString("D3", CultureInfo.InvariantCulture));
                    xml.Leaf("BikoretNo", (string?)null);
                    xml.Leaf("StoreType", s.Type);
                    xml.Leaf("ChainName", chain.Name);
                    xml.Leaf("SubChainName", chain.Name);
                    xml.Leaf("StoreName", s.Name);
                    xml.Leaf("Address", s.Address);
                    xml.Leaf("City", s.City);
                    xml.Leaf("ZIPCode", s.ZipCode);
                    xml.Leaf("LastUpdateDate", stamp.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
                    xml.Leaf("Latitude", (string?)null);
                    xml.Leaf("Longitude", (string?)null);
                    xml.Close("Branch");
                }

                xml.Close("Branches");
                xml.Close("Store");
                break;
            case 'E':
                xml.Open("OrderXml", "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
                xml.Open("Envelope");
                xml.Leaf("ChainId", chain.ChainId);
                xml.Leaf("SubChainId", 100);
                xml.Open("Header");
                xml.Open("Details");
                foreach (var s in chain.Stores)
                {
                    xml.Open("Line");
                    xml.Leaf("StoreId", s.Id);
                    xml.Leaf("BikoretNo", 100);
                    xml.Leaf("StoreType", s.Type);
                    xml.Leaf("ChainName", chain.Name);
                    xml.Leaf("SubChainName", (string?)null);
                    xml.Leaf("StoreName", s.Name);
                    xml.Leaf("Address", s.Address);
                    xml.Leaf("City", s.City);
                    xml.Leaf("ZipCode", 0);
                    xml.Leaf("LastUpdateDate", date);
                    xml.Leaf("LastUpdateTime", time);
                    xml.Close("Line");
                }

                xml.Close("Details");
                xml.Close("Header");
                xml.Close("Envelope");
                xml.Close("OrderXml");
                break;
            default:
                WriteStandardStores(xml, date, time);
                break;
        }

        return chain.Stores.Length;
    }

    private void WriteStandardStores(FeedXmlWriter xml, string date, string time)
    {
        var unified = Layout == 'F';
        var root = unified ? "Chain" : "Root";
        xml.Open(root);
        if (Layout == 'A')
        {
            xml.Leaf("XmlDocVersion", "00000");
        }

        xml.Leaf(unified ? "ChainID" : "ChainId", chain.ChainId);
        xml.Leaf("ChainName", chain.Name);
        xml.Leaf("LastUpdateDate", date);
        xml.Leaf("LastUpdateTime", time);
        xml.Open("SubChains");
        xml.Open("SubChain");
        xml.Leaf(unified ? "SubChainID" : "SubChainId", 1);
        xml.Leaf("SubChainName", chain.Name);
        xml.Open("Stores");
        foreach (var s in chain.Stores)
        {
            xml.Open("Store");
            xml.Leaf(unified ? "StoreID" : "StoreId", s.Id);
            xml.Leaf("BikoretNo", 6);
            xml.Leaf("StoreType", s.Type);
            xml.Leaf("StoreName", s.Name);
            xml.Leaf("Address", s.Address);
            xml.Leaf("City", s.City);
            xml.Leaf(unified ? "ZIPCode" : "ZipCode", s.ZipCode);
            xml.Close("Store");
        }

        xml.Close("Stores");
        xml.Close("SubChain");
        xml.Close("SubChains");
        xml.Close(root);
    }
}
